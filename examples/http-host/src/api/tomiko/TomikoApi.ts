/**
 * TOMIKO's groups: commands on cooperatives and networks, listings, orders (`tomiko`, a token
 * needed; one endpoint per row of `tomikoCommands`, and accepting an order, which runs the
 * acceptance saga); read models (`tomikoQueries`, a token optional), each answered as its read
 * policy lets the request's viewer see it (a cooperative's order book and a network's trade
 * answer 404 to those who may not see them, anonymous readers included; the listings are
 * filtered).
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"
import { CalendarDate, Identifier } from "@jatim/kernel"
import {
  AcceptanceSaga,
  CooperativeStatement,
  CreditLine,
  ListingStock,
  MonthlyTrade,
  Networks,
  OrderBook,
  OrderId,
  ReceivablesAgeing
} from "@jatim/tomiko"
import * as CommandTable from "../CommandTable.js"
import { actionEndpoint, commandGroup, queryEndpoints, queryGroup } from "../common.js"
import { pageParams } from "../paging.js"
import { tomikoCommands } from "./commands.js"
import { acceptOrderDoc, tomikoCommandDocs, tomikoProgram, tomikoQueryDocs } from "./docs.js"

const nikParam = HttpApiSchema.param("nik", Identifier.NikKoperasi)
const monthParam = HttpApiSchema.param("month", CalendarDate.Month)
const sellerParam = HttpApiSchema.param("seller", Identifier.NikKoperasi)
const buyerParam = HttpApiSchema.param("buyer", Identifier.NikKoperasi)

/** A TOMIKO query endpoint, described by its entry in `tomikoQueryDocs`. */
const query = queryEndpoints(tomikoQueryDocs)

/** The TOMIKO commands (a bearer token needed). */
export class TomikoApi extends CommandTable.group("tomiko", tomikoCommands, tomikoCommandDocs)
  .add(actionEndpoint("acceptOrder", "/orders/accept", { fields: { orderId: OrderId.OrderId } }, AcceptanceSaga.Outcome, acceptOrderDoc))
  .pipe(commandGroup(tomikoProgram)) {}

/** The TOMIKO queries (a bearer token optional; none of them is public, so anonymous readers get 404 or empty lists). */
export class TomikoQueriesApi extends HttpApiGroup.make("tomikoQueries")
  .add(
    query(
      HttpApiEndpoint.get("orderBook")`/koperasi/${nikParam}/orders`.setUrlParams(Schema.Struct(pageParams(OrderBook.order))),
      Schema.Array(OrderBook.Entry)
    )
  )
  .add(
    query(
      HttpApiEndpoint.get("listingStock", "/listings").setUrlParams(Schema.Struct(pageParams(ListingStock.order))),
      Schema.Array(ListingStock.Stock)
    )
  )
  .add(query(HttpApiEndpoint.get("monthlyTrade")`/networks/${nikParam}/trade/${monthParam}`, MonthlyTrade.MonthTrade))
  .add(query(HttpApiEndpoint.get("sellerAgeing")`/koperasi/${nikParam}/receivables-ageing`, ReceivablesAgeing.Ageing))
  .add(query(HttpApiEndpoint.get("cooperativeStatement")`/koperasi/${nikParam}/statement`, CooperativeStatement.Statement))
  .add(query(HttpApiEndpoint.get("networks", "/networks"), Schema.Array(Networks.Network)))
  .add(query(HttpApiEndpoint.get("networkAgeing")`/networks/${nikParam}/receivables-ageing`, ReceivablesAgeing.Ageing))
  .add(query(HttpApiEndpoint.get("feeStatement")`/networks/${nikParam}/fee-statement`, MonthlyTrade.FeeStatement))
  .add(query(HttpApiEndpoint.get("creditLine")`/credit-lines/${sellerParam}/${buyerParam}`, CreditLine.Summary))
  .pipe(queryGroup(tomikoProgram)) {}
