/**
 * Rupiah amounts. The rupiah has no minor unit in practice, so amounts are whole rupiah held
 * as safe integers, never floats. Sums and products are exact (or fail as too large); a fee
 * in basis points rounds half up to a whole rupiah, and a split's parts always add back to
 * the whole.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import * as ErrorCategory from "./ErrorCategory.js"

/** Schema of an amount in whole rupiah: an integer from 0 up to `Number.MAX_SAFE_INTEGER`. */
export const Rupiah = Schema.Int.pipe(
  Schema.between(0, Number.MAX_SAFE_INTEGER, {
    message: (issue) => `an amount in rupiah is a whole number from 0, got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("Rupiah"),
  Schema.annotations({ identifier: "Rupiah", description: "an amount in whole rupiah" })
)

/** An amount in whole rupiah. */
export type Rupiah = typeof Rupiah.Type

/** Schema of basis points: an integer from 0 to 10,000 (100 %). */
export const BasisPoints = Schema.Int.pipe(
  Schema.between(0, 10_000, {
    message: (issue) => `basis points are a whole number from 0 to 10000 (100 %), got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("BasisPoints")
)

/** A rate in basis points (1 bp = 0.01 %). */
export type BasisPoints = typeof BasisPoints.Type

/** A result that would not be a safe whole number of rupiah. */
export class RupiahOverflow extends Schema.TaggedError<RupiahOverflow>()(
  "RupiahOverflow",
  {
    operation: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `The ${this.operation} exceeds ${Number.MAX_SAFE_INTEGER} rupiah and cannot be computed exactly.`
  }
}

const checked = (value: bigint, operation: string): Either.Either<Rupiah, RupiahOverflow> =>
  value > BigInt(Number.MAX_SAFE_INTEGER) ? Either.left(new RupiahOverflow({ operation })) : Either.right(Number(value) as Rupiah)

/** Zero rupiah. */
export const zero: Rupiah = 0 as Rupiah

/** An amount from a whole number; throws on anything else (for constants and tests). */
export const unsafeMake = (amount: number): Rupiah => Schema.decodeSync(Rupiah)(amount)

/** The exact sum of amounts. */
export const sum = (amounts: Iterable<Rupiah>): Either.Either<Rupiah, RupiahOverflow> => {
  let total = 0n
  for (const amount of amounts) total += BigInt(amount)
  return checked(total, "sum")
}

/** `unitPrice × quantity`, exactly. */
export const times = (unitPrice: Rupiah, quantity: number): Either.Either<Rupiah, RupiahOverflow> =>
  Number.isSafeInteger(quantity) && quantity >= 0
    ? checked(BigInt(unitPrice) * BigInt(quantity), "line total")
    : Either.left(new RupiahOverflow({ operation: `line total (quantity ${quantity} is not a whole number)` }))

/** `a - b` when `b ≤ a`. */
export const subtract = (a: Rupiah, b: Rupiah): Either.Either<Rupiah, RupiahOverflow> =>
  b > a ? Either.left(new RupiahOverflow({ operation: `subtraction ${a} - ${b} (below zero)` })) : Either.right((a - b) as Rupiah)

/** The fee of `rate` basis points on `amount`, rounded half up to a whole rupiah. */
export const fee = (amount: Rupiah, rate: BasisPoints): Rupiah => {
  // amount × rate / 10,000, rounded half up, in exact integer arithmetic.
  const scaled = BigInt(amount) * BigInt(rate)
  return Number((scaled + 5_000n) / 10_000n) as Rupiah
}

/** A total split into a fee and the rest: `fee + payout = total`, always. */
export interface Split {
  readonly fee: Rupiah
  readonly payout: Rupiah
}

/** Splits `total` into the fee of `rate` basis points and the payout that remains. */
export const split = (total: Rupiah, rate: BasisPoints): Split => {
  const feePart = fee(total, rate)
  return { fee: feePart, payout: (total - feePart) as Rupiah }
}

/** "Rp15.000": the amount as Indonesians write it, with `.` between thousands. */
export const format = (amount: Rupiah): string => `Rp${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`
