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
import { actionEndpoint, commandGroup, queryGroup } from "../common.js"
import { annotations } from "../docs.js"
import { pageParams } from "../paging.js"
import { tomikoCommands } from "./commands.js"
import { acceptOrderDoc, tomikoCommandDocs, tomikoQueryDocs } from "./docs.js"

const nikParam = HttpApiSchema.param("nik", Identifier.NikKoperasi)
const monthParam = HttpApiSchema.param("month", CalendarDate.Month)
const sellerParam = HttpApiSchema.param("seller", Identifier.NikKoperasi)
const buyerParam = HttpApiSchema.param("buyer", Identifier.NikKoperasi)

/** The TOMIKO commands (a bearer token needed). */
export class TomikoApi extends HttpApiGroup.make("tomiko")
  .pipe(CommandTable.addEndpoints(tomikoCommands, tomikoCommandDocs))
  .add(actionEndpoint("acceptOrder", "/orders/accept", { fields: { orderId: OrderId.OrderId } }, AcceptanceSaga.Outcome, acceptOrderDoc))
  .pipe(
    commandGroup(
      "/tomiko",
      "TOMIKO",
      "Toko Online Milik Koperasi: cooperatives trade with each other through secondary cooperatives' networks. Cooperatives register and join " +
        "networks; sellers list products; an order goes placed → accepted (stock reserved) → shipped → delivered (BAST) → invoiced on tempo terms → " +
        "paid → settled with the network's fee."
    )
  ) {}

/** The TOMIKO queries (a bearer token optional; none of them is public, so anonymous readers get 404 or empty lists). */
export class TomikoQueriesApi extends HttpApiGroup.make("tomikoQueries")
  .add(
    HttpApiEndpoint.get("orderBook")`/koperasi/${nikParam}/orders`
      .setUrlParams(Schema.Struct(pageParams(OrderBook.order)))
      .addSuccess(Schema.Array(OrderBook.Entry))
      .annotateContext(annotations(tomikoQueryDocs.orderBook))
  )
  .add(
    HttpApiEndpoint.get("listingStock", "/listings")
      .setUrlParams(Schema.Struct(pageParams(ListingStock.order)))
      .addSuccess(Schema.Array(ListingStock.Stock))
      .annotateContext(annotations(tomikoQueryDocs.listingStock))
  )
  .add(
    HttpApiEndpoint.get("monthlyTrade")`/networks/${nikParam}/trade/${monthParam}`
      .addSuccess(MonthlyTrade.MonthTrade)
      .annotateContext(annotations(tomikoQueryDocs.monthlyTrade))
  )
  .add(
    HttpApiEndpoint.get("sellerAgeing")`/koperasi/${nikParam}/receivables-ageing`
      .addSuccess(ReceivablesAgeing.Ageing)
      .annotateContext(annotations(tomikoQueryDocs.sellerAgeing))
  )
  .add(
    HttpApiEndpoint.get("cooperativeStatement")`/koperasi/${nikParam}/statement`
      .addSuccess(CooperativeStatement.Statement)
      .annotateContext(annotations(tomikoQueryDocs.cooperativeStatement))
  )
  .add(
    HttpApiEndpoint.get("networks", "/networks")
      .addSuccess(Schema.Array(Networks.Network))
      .annotateContext(annotations(tomikoQueryDocs.networks))
  )
  .add(
    HttpApiEndpoint.get("networkAgeing")`/networks/${nikParam}/receivables-ageing`
      .addSuccess(ReceivablesAgeing.Ageing)
      .annotateContext(annotations(tomikoQueryDocs.networkAgeing))
  )
  .add(
    HttpApiEndpoint.get("feeStatement")`/networks/${nikParam}/fee-statement`
      .addSuccess(MonthlyTrade.FeeStatement)
      .annotateContext(annotations(tomikoQueryDocs.feeStatement))
  )
  .add(
    HttpApiEndpoint.get("creditLine")`/credit-lines/${sellerParam}/${buyerParam}`
      .addSuccess(CreditLine.Summary)
      .annotateContext(annotations(tomikoQueryDocs.creditLine))
  )
  .pipe(queryGroup("/tomiko", "TOMIKO")) {}
