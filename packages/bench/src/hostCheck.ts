/**
 * Pure helpers of the `host` scenario: the NSPPs of new pesantren, the shapes of the host's
 * answers it reads (decoded with Schema), and the check that the read models count exactly the
 * successful commands.
 */
import { Either, Schema } from "effect"

/**
 * A source of NSPPs (12 digits) no other source of another `prefix` gives, and never the demo's
 * (theirs begin with 5): `9`, the two digits of `prefix`, then a nine-digit counter.
 */
export const nsppSource = (prefix: number) => {
  if (!(Number.isInteger(prefix) && prefix >= 0 && prefix < 100)) throw new RangeError(`an NSPP prefix is 0 to 99, got ${prefix}`)
  let next = 0
  return (): string => {
    next++
    if (next >= 1_000_000_000) throw new RangeError("more than 999,999,999 NSPPs of one prefix")
    return `9${String(prefix).padStart(2, "0")}${String(next).padStart(9, "0")}`
  }
}

/** What the benchmark reads of `/projections`: each projection's state and lag. */
export const ProjectionStatuses = Schema.Array(Schema.Struct({ name: Schema.String, state: Schema.String, lag: Schema.Number }))

/** Whether every projection is live with nothing left to apply. */
export const allCaughtUp = (statuses: typeof ProjectionStatuses.Type): boolean =>
  statuses.length > 0 && statuses.every((status) => status.state === "live" && status.lag === 0)

/** What the benchmark reads of `/opop/dashboard`: the province's pesantren counts. */
export const DashboardCounts = Schema.Struct({
  province: Schema.Struct({ pesantren: Schema.Struct({ registered: Schema.Number, suspended: Schema.Number }) })
})

/** The province's registered pesantren of a `/opop/dashboard` answer, or why it is not one. */
export const registeredOf = (body: unknown): Either.Either<number, string> =>
  Either.mapBoth(Schema.decodeUnknownEither(DashboardCounts)(body), {
    onLeft: (error) => `/opop/dashboard answered an unexpected shape: ${error.message}`,
    onRight: (dashboard) => dashboard.province.pesantren.registered
  })

/** What a run of registrations did, as the load saw it. */
export interface Registrations {
  /** The registered pesantren of the dashboard before the run (settled). */
  readonly before: number
  /** The same after the run, once the projections caught up. */
  readonly after: number
  /** Registrations answered 2xx. */
  readonly succeeded: number
  /**
   * Registrations without a 2xx answer (cut off at the end of the run, timed out, or refused)
   * that the host applied all the same, as its directory shows them.
   */
  readonly appliedWithoutAnswer: number
}

/**
 * Whether the read model counts exactly the successful registrations: `after − before` must be
 * `succeeded + appliedWithoutAnswer`. Right: the count; Left: the mismatch, in words.
 */
export const checkRegistrations = (registrations: Registrations): Either.Either<number, string> => {
  const { after, appliedWithoutAnswer, before, succeeded } = registrations
  const expected = succeeded + appliedWithoutAnswer
  const counted = after - before
  return counted === expected
    ? Either.right(counted)
    : Either.left(
        `the OPOP dashboard counts ${counted} new pesantren (${before} → ${after}) but ${expected} registrations succeeded ` +
          `(${succeeded} answered 2xx, ${appliedWithoutAnswer} applied without a 2xx answer)`
      )
}
