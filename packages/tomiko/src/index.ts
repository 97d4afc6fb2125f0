/**
 * @jatim/tomiko: TOMIKO (Toko Online Milik Koperasi), the marketplace where cooperatives trade
 * with each other through secondary cooperatives, as event-sourced deciders — cooperatives and
 * their networks, listings with stock reservations, orders from placement to settlement — with
 * the acceptance saga, the stock process manager and in-memory read models. Test support
 * (fast-check arbitraries, shared test data) is the `@jatim/tomiko/testing` subpath export.
 *
 * @since 0.1.0
 */

/** The acceptance saga: reserve every line, or release what was reserved and fail. */
export * as AcceptanceSaga from "./processes/AcceptanceSaga.js"
/** Who may issue which command. */
export * as Authorization from "./Authorization.js"
/** The statement per cooperative: its billed orders as buyer and seller (read model). */
export * as CooperativeStatement from "./readModels/CooperativeStatement.js"
/** The credit line aggregate: a seller's tempo credit limit for one buyer and the tempo orders that use it. */
export * as CreditLine from "./CreditLine.js"
/** Commands of the credit line stream. */
export * as CreditLineCommand from "./CreditLineCommand.js"
/** Errors of the credit line stream. */
export * as CreditLineError from "./CreditLineError.js"
/** Events of the credit line stream. */
export * as CreditLineEvent from "./CreditLineEvent.js"
/** The process manager that releases a tempo order's credit once it is paid in full or cancelled. */
export * as CreditProcess from "./processes/CreditProcess.js"
/** Command handling on the `EventStore`: one function per aggregate's commands, the ones that read other streams first, current states. */
export * as Commands from "./Commands.js"
/** The error of a command whose fact from another stream was not read by its reader. */
export * as FactError from "./FactError.js"
/** What the live feed sends each actor of TOMIKO's events. */
export * as FeedPolicy from "./FeedPolicy.js"
/** The cooperative aggregate: state, decider, codec, stream names. */
export * as Koperasi from "./Koperasi.js"
/** Commands of the cooperative stream. */
export * as KoperasiCommand from "./KoperasiCommand.js"
/** Errors of the cooperative stream. */
export * as KoperasiError from "./KoperasiError.js"
/** Events of the cooperative stream. */
export * as KoperasiEvent from "./KoperasiEvent.js"
/** A cooperative as read from its own stream (a founder of a secondary cooperative). */
export * as KoperasiReading from "./KoperasiReading.js"
/** The listing aggregate: state, decider, codec, stream names. */
export * as Listing from "./Listing.js"
/** Commands of the listing stream. */
export * as ListingCommand from "./ListingCommand.js"
/** Errors of the listing stream. */
export * as ListingError from "./ListingError.js"
/** Events of the listing stream. */
export * as ListingEvent from "./ListingEvent.js"
/** Listing ids. */
export * as ListingId from "./ListingId.js"
/** Stock per listing (read model). */
export * as ListingStock from "./readModels/ListingStock.js"
/** Monthly trade per secondary network (read model). */
export * as MonthlyTrade from "./readModels/MonthlyTrade.js"
/** The secondary networks and who sees them (read model). */
export * as Networks from "./readModels/Networks.js"
/** Who makes an OPOP product, as read from OPOP's events. */
export * as OpopMaker from "./OpopMaker.js"
/** The order aggregate: state, decider, codec, stream names, pricing. */
export * as Order from "./Order.js"
/** The order book per cooperative (read model). */
export * as OrderBook from "./readModels/OrderBook.js"
/** Commands of the order stream. */
export * as OrderCommand from "./OrderCommand.js"
/** Errors of the order stream. */
export * as OrderError from "./OrderError.js"
/** Events of the order stream. */
export * as OrderEvent from "./OrderEvent.js"
/** Order ids. */
export * as OrderId from "./OrderId.js"
/** An order as read from its own stream (for releasing and committing its stock). */
export * as OrderReading from "./OrderReading.js"
/** Order statuses. */
export * as OrderStatus from "./OrderStatus.js"
/** Payment terms and due dates. */
export * as PaymentTerms from "./PaymentTerms.js"
/** Receivables ageing: overdue tempo invoices (read model). */
export * as ReceivablesAgeing from "./readModels/ReceivablesAgeing.js"
/** The process manager that releases or commits stock as orders are cancelled or shipped. */
export * as StockProcess from "./processes/StockProcess.js"
/** The personal fields of the events, for crypto-shredding. */
export * as PersonalDataFields from "./PersonalDataFields.js"
