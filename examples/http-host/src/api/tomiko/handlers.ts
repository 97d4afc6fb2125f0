/** TOMIKO's handlers: the command table's, accepting an order, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { AcceptanceSaga, ListingStock, MonthlyTrade, OrderBook } from "@jatim/tomiko"
import { query } from "../../readModels/ReadModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { runAction, visibleOrNotFound } from "../common.js"
import { answerPage, visibleList } from "../paging.js"
import { tomikoCommands } from "./commands.js"

/** The TOMIKO command handlers. */
export const TomikoLive = HttpApiBuilder.group(Api, "tomiko", (handlers) =>
  handlers.pipe(CommandTable.handle(tomikoCommands)).handle("acceptOrder", (req) =>
    // The saga is deduplicated by causation: running it again resumes it, never reserves twice.
    // It takes neither `If-Match` nor the key as correlation id (its steps correlate by order).
    runAction("acceptOrder", req, (actor) => AcceptanceSaga.accept(req.payload.orderId, actor))
  )
)

/** The TOMIKO query handlers: what the request's viewer may see. */
export const TomikoQueriesLive = HttpApiBuilder.group(Api, "tomikoQueries", (handlers) =>
  handlers
    .handle("orderBook", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const page = yield* query((m) => m.tomiko.orderBook(path.nik, urlParams))
        const own = yield* visibleOrNotFound(
          OrderBook.visibleTo,
          { nik: path.nik, entries: page.items },
          { rule: "OrderBookNotFound", message: `No order book of cooperative ${path.nik} that you may see.` }
        )
        return yield* answerPage(OrderBook.order, { items: own.entries, next: page.next })
      })
    )
    .handle(
      "listingStock",
      visibleList(ListingStock.order, ListingStock.visibleTo, (m, _, page) => m.tomiko.listingStock(page))
    )
    .handle("monthlyTrade", ({ path }) =>
      Effect.gen(function* () {
        const trade = yield* query((m) => m.tomiko.monthlyTrade(path.nik, path.month))
        const view = yield* visibleOrNotFound(
          MonthlyTrade.visibleTo,
          { secondary: path.nik, month: path.month, trade },
          { rule: "NetworkTradeNotFound", message: `No trade of network ${path.nik} that you may see.` }
        )
        return view.trade
      })
    )
)
