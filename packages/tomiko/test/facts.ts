/**
 * Facts for decider tests, as the package's readers would issue them from a store holding such
 * events (tests only: in the package, only the readers issue facts).
 */
import { Identifier } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import type { KoperasiReading, OpopMaker, OrderId, OrderReading, OrderStatus } from "../src/index.js"
import { koperasiReading, opopMaker, orderReading } from "../src/internal/issuers.js"

/** Cooperative `nik` as its stream says: `PRIMER`, `SEKUNDER` or not registered (`null`). */
export const reading = (nik: Identifier.NikKoperasi, type: "PRIMER" | "SEKUNDER" | null = "PRIMER"): KoperasiReading.KoperasiReading =>
  koperasiReading.issue({ nik, type })

/** Order `orderId` as its stream says: in `status`, or never placed (`null`). */
export const orderAs = (orderId: OrderId.OrderId, status: OrderStatus.OrderStatus | null): OrderReading.OrderReading =>
  orderReading.issue({ orderId, status })

/** The maker of OPOP product `productId`, as OPOP's events say. */
export const makerOf = (
  productId: string,
  kopontren: Identifier.NikKoperasi | null,
  nspp = "510035170001"
): OpopMaker.OpopMaker =>
  opopMaker.issue({
    productId: ProductId.ProductId.make(productId),
    nspp: Identifier.Nspp.make(nspp),
    kopontren
  })
