/**
 * TOMIKO's groups: commands on cooperatives and networks, listings, orders (`tomiko`, a token
 * needed; one endpoint per row of `tomikoCommands`, and accepting an order, which runs the
 * acceptance saga); read models (`tomikoQueries`, a token optional), each answered as its read
 * policy lets the request's viewer see it (a cooperative's order book and a network's trade
 * answer 404 to those who may not see them, anonymous readers included; the listings are
 * filtered).
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { CalendarDate, Identifier } from "@jatim/kernel"
import { AcceptanceSaga, ListingStock, MonthlyTrade, OrderBook, OrderId } from "@jatim/tomiko"
import * as CommandTable from "../CommandTable.js"
import { actionEndpoint, commandGroup, queryGroup, withoutToken } from "../common.js"
import { paged, pageParams } from "../paging.js"
import { tomikoCommands } from "./commands.js"

const nikParam = HttpApiSchema.param("nik", Identifier.NikKoperasi)
const monthParam = HttpApiSchema.param("month", CalendarDate.Month)

/** The TOMIKO commands (a bearer token needed). */
export class TomikoApi extends HttpApiGroup.make("tomiko")
  .pipe(CommandTable.addEndpoints(tomikoCommands))
  .add(actionEndpoint("acceptOrder", "/orders/accept", { fields: { orderId: OrderId.OrderId } }, AcceptanceSaga.Outcome))
  .pipe(commandGroup("/tomiko")) {}

/** The TOMIKO queries (a bearer token optional; none of them is public, so anonymous readers get 404 or empty lists). */
export class TomikoQueriesApi extends HttpApiGroup.make("tomikoQueries")
  .add(
    HttpApiEndpoint.get("orderBook")`/koperasi/${nikParam}/orders`
      .setUrlParams(Schema.Struct(pageParams(OrderBook.order)))
      .addSuccess(Schema.Array(OrderBook.Entry))
      .annotate(OpenApi.Description, paged(withoutToken.private("A cooperative's order book, by date placed.", "its admin and the Dinas")))
  )
  .add(
    HttpApiEndpoint.get("listingStock", "/listings")
      .setUrlParams(Schema.Struct(pageParams(ListingStock.order)))
      .addSuccess(Schema.Array(ListingStock.Stock))
      .annotate(
        OpenApi.Description,
        paged(withoutToken.privateList("The listings and their stock, by listing id.", "cooperatives' admins and the Dinas"))
      )
  )
  .add(
    HttpApiEndpoint.get("monthlyTrade")`/networks/${nikParam}/trade/${monthParam}`
      .addSuccess(MonthlyTrade.MonthTrade)
      .annotate(OpenApi.Description, withoutToken.private("A network's monthly trade.", "the secondary's admin and the Dinas"))
  )
  .pipe(queryGroup("/tomiko", "TOMIKO")) {}
