/** TOMIKO's handlers: the command table's, accepting an order, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect, Option } from "effect"
import { CalendarDate, type Identifier, type Visibility } from "@jatim/kernel"
import {
  AcceptanceSaga,
  CooperativeStatement,
  CreditLine,
  type CreditLineEvent,
  ListingStock,
  MonthlyTrade,
  Networks,
  OrderBook,
  ReceivablesAgeing
} from "@jatim/tomiko"
import { type Query, query, type ReadModels } from "../../readModels/ReadModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import {
  type NotFoundRule,
  queryVisibleOrNotFound,
  runAction,
  type SummarizedAggregate,
  visibleItems,
  visibleOrNotFound,
  visibleSummaryOrNotFound
} from "../common.js"
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

/**
 * The credit line `seller` extends to `buyer` as a query reads it: folded from its stream
 * (`creditline-<seller>-<buyer>`), summarised (an empty line, no limit and nothing reserved, is a
 * line too) and seen by its parties and the Dinas only (`CreditLine.visibleTo`).
 */
const creditLineOf = (
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi
): SummarizedAggregate<void, CreditLineEvent.CreditLineEvent, CreditLine.State, CreditLine.Summary, CreditLine.Summary> => ({
  codec: CreditLine.codec,
  decider: CreditLine.decider,
  streamName: () => CreditLine.streamName(seller, buyer),
  summary: (state) => Option.some(CreditLine.summary(seller, buyer, state)),
  visibleTo: CreditLine.visibleTo
})

/**
 * The ageing on the `Clock`'s day (WIB) of the unpaid invoices `pick` reads, as `policy` shows
 * the view `viewOf` makes of it to the request's viewer: 404 `notFound` to anyone it does not.
 */
const agedOrNotFound = <View extends { readonly ageing: ReceivablesAgeing.Ageing }>(
  pick: (models: ReadModels) => Query<ReadonlyArray<ReceivablesAgeing.Receivable>>,
  viewOf: (ageing: ReceivablesAgeing.Ageing) => View,
  policy: Visibility.ReadPolicy<View>,
  notFound: NotFoundRule
) =>
  Effect.gen(function* () {
    const unpaid = yield* query(pick)
    const view = yield* visibleOrNotFound(policy, viewOf(ReceivablesAgeing.ageing(unpaid, yield* CalendarDate.today)), notFound)
    return view.ageing
  })

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
      visibleList(ListingStock, (m, _, page) => m.tomiko.listingStock(page))
    )
    .handle("sellerAgeing", ({ path }) =>
      agedOrNotFound(
        (m) => m.tomiko.unpaidOfSeller(path.nik),
        (ageing) => ({ seller: path.nik, ageing }),
        ReceivablesAgeing.sellerVisibleTo,
        { rule: "ReceivablesNotFound", message: `No receivables of cooperative ${path.nik} that you may see.` }
      )
    )
    .handle("cooperativeStatement", ({ path }) =>
      queryVisibleOrNotFound(
        CooperativeStatement.visibleTo,
        (m) => Effect.map(m.tomiko.statementLines(path.nik), (lines) => CooperativeStatement.statementOf(path.nik, lines)),
        { rule: "StatementNotFound", message: `No statement of cooperative ${path.nik} that you may see.` }
      )
    )
    .handle("networks", () =>
      Effect.flatMap(
        query((m) => m.tomiko.networks),
        (all) => visibleItems(Networks.visibleTo, all)
      )
    )
    .handle("networkAgeing", ({ path }) =>
      agedOrNotFound(
        (m) => m.tomiko.unpaidInNetwork(path.nik),
        (ageing) => ({ secondary: path.nik, ageing }),
        ReceivablesAgeing.networkVisibleTo,
        { rule: "NetworkReceivablesNotFound", message: `No receivables of network ${path.nik} that you may see.` }
      )
    )
    .handle("feeStatement", ({ path }) =>
      queryVisibleOrNotFound(
        MonthlyTrade.statementVisibleTo,
        (m) => Effect.map(m.tomiko.networkMonths(path.nik), (months) => MonthlyTrade.statement(path.nik, months)),
        { rule: "FeeStatementNotFound", message: `No fee statement of network ${path.nik} that you may see.` }
      )
    )
    .handle("creditLine", ({ path }) =>
      visibleSummaryOrNotFound(creditLineOf(path.seller, path.buyer), undefined, {
        rule: "CreditLineNotFound",
        message: `No credit line of cooperative ${path.seller} to ${path.buyer} that you may see.`
      })
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
