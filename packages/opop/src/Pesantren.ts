/**
 * The pesantren aggregate, one stream per NSPP (`pesantren-<nspp>`): registration, Kopontren,
 * verification, suspension, and the flagship designations that keep **One Pesantren One
 * Product**: at most one active flagship, ever. A designation names the flagship it retires
 * and retires it in the same append; since the command handler appends with the version it
 * decided on, two designations cannot both be decided on the same state (adr/0010). The
 * candidate's pesantren and grade count only when `FlagshipCandidate.read` read them from the
 * product's stream (adr/0014).
 *
 * @since 0.1.0
 */
import { Effect, Struct } from "effect"
import { Aggregate, EventCodec, Decider, Lifecycle } from "@jatim/eventstore"
import { CalendarDate, type Identifier, type Region } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import * as Curation from "./Curation.js"
import * as FlagshipCandidate from "./FlagshipCandidate.js"
import type { DesignateFlagship, PesantrenCommand, RetireFlagship } from "./PesantrenCommand.js"
import {
  FlagshipCandidateIneligible,
  FlagshipCandidateUnverified,
  FlagshipAlreadyActive,
  FlagshipDesignationOutdated,
  FlagshipNotActive,
  KopontrenAlreadyLinked,
  KopontrenNotLinked,
  PesantrenAlreadyRegistered,
  PesantrenAlreadyVerified,
  PesantrenNotRegistered,
  PesantrenNotSuspended,
  PesantrenNotVerified,
  PesantrenUnderSuspension,
  type PesantrenError
} from "./PesantrenError.js"
import {
  FlagshipDesignated,
  FlagshipRetired,
  KopontrenLinked,
  KopontrenReplaced,
  PesantrenEvent,
  PesantrenReinstated,
  PesantrenRegistered,
  PesantrenSuspended,
  PesantrenVerified
} from "./PesantrenEvent.js"
import type { ProductId } from "./ProductId.js"

/** The streams of pesantren, one a pesantren: `pesantren-<nspp>`; a command is decided on its nspp's (category `"pesantren"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("pesantren", (command: PesantrenCommand) => command.nspp)

/** A pesantren not registered yet. */
export interface Unregistered {
  readonly _tag: "Unregistered"
}

/** A registered pesantren. */
export interface Registered {
  readonly _tag: "Registered"
  readonly nspp: Identifier.Nspp
  readonly name: string
  readonly regionCode: Region.RegionCode
  readonly pengasuh: string
  readonly santriCount: number
  /** The NIK Koperasi of its Kopontren, once linked. */
  readonly kopontren: Identifier.NikKoperasi | undefined
  readonly verified: boolean
  /** Why it is suspended, while it is. */
  readonly suspension: string | undefined
  /** Its one active flagship product. */
  readonly flagship: ProductId | undefined
  /** Its former flagships, oldest first. */
  readonly retiredFlagships: ReadonlyArray<ProductId>
}

/** The state of a pesantren stream. */
export type State = Unregistered | Registered

/**
 * `initialState` is the state of a stream with no events (`Unregistered`), `evolve` the state after
 * one more event. Events that do not apply to the state leave it as it is.
 */
export const { initialState, evolve } = Lifecycle.make<State, PesantrenEvent>()({
  initial: "Unregistered",
  creation: "PesantrenRegistered",
  create: (event) => ({
    ...Struct.omit(event, "_tag"),
    _tag: "Registered",
    kopontren: undefined,
    verified: false,
    suspension: undefined,
    flagship: undefined,
    retiredFlagships: []
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "KopontrenLinked":
      case "KopontrenReplaced":
        return { ...state, kopontren: event.nik }
      case "PesantrenVerified":
        return { ...state, verified: true }
      case "PesantrenSuspended":
        return { ...state, suspension: event.reason }
      case "PesantrenReinstated":
        return { ...state, suspension: undefined }
      case "FlagshipDesignated":
        return { ...state, flagship: event.productId }
      case "FlagshipRetired":
        return state.flagship === event.productId
          ? { ...state, flagship: undefined, retiredFlagships: [...state.retiredFlagships, event.productId] }
          : state
    }
  }
})

const registered = (state: State, nspp: Identifier.Nspp, action: string) =>
  state._tag === "Registered" ? Effect.succeed(state) : Effect.fail(new PesantrenNotRegistered({ nspp, action }))

/**
 * The registered pesantren `command` acts on, its actor authorized first: who may act is checked
 * before whether the pesantren is registered.
 */
const registeredFor = (command: PesantrenCommand, state: State, action: string) =>
  Effect.zipRight(Authorization.authorize(command._tag, command.actor, command.nspp), registered(state, command.nspp, action))

const designate = (command: DesignateFlagship, state: State) =>
  Effect.gen(function* () {
    const action = "designate its flagship"
    const { nspp } = command
    yield* Authorization.authorize("DesignateFlagship", command.actor, nspp)
    // The product's facts count only as its own stream gave them (adr/0014), whatever the command's type says.
    const candidate: unknown = command.candidate
    if (!FlagshipCandidate.isRead(candidate)) return yield* new FlagshipCandidateUnverified({ nspp })
    const pesantren = yield* registered(state, nspp, action)
    if (!pesantren.verified) return yield* new PesantrenNotVerified({ nspp, action })
    if (pesantren.suspension !== undefined) {
      return yield* new PesantrenUnderSuspension({ nspp, reason: pesantren.suspension, action })
    }
    if (candidate.nspp !== nspp) {
      return yield* new FlagshipCandidateIneligible({
        nspp,
        productId: candidate.productId,
        reason: "a pesantren designates only its own products"
      })
    }
    if (candidate.grade === undefined || !Curation.isMarketReady(candidate.grade)) {
      return yield* new FlagshipCandidateIneligible({
        nspp,
        productId: candidate.productId,
        reason:
          candidate.grade === undefined
            ? "a flagship is a curated, market-ready product, and it is not curated now"
            : `a flagship is a curated, market-ready product (graded BERKEMBANG or UNGGULAN), and it is graded ${candidate.grade}`
      })
    }
    if (pesantren.flagship === candidate.productId) {
      return yield* new FlagshipAlreadyActive({ nspp, productId: candidate.productId })
    }
    if (command.retiring !== pesantren.flagship) {
      return yield* new FlagshipDesignationOutdated({
        nspp,
        productId: candidate.productId,
        retiring: command.retiring,
        active: pesantren.flagship
      })
    }
    const designatedOn = yield* CalendarDate.today
    const designated = new FlagshipDesignated({ nspp, productId: candidate.productId, grade: candidate.grade, designatedOn })
    return pesantren.flagship === undefined
      ? [designated]
      : [new FlagshipRetired({ nspp, productId: pesantren.flagship, reason: `replaced by ${candidate.productId}` }), designated]
  })

const retire = (command: RetireFlagship, state: State) =>
  Effect.gen(function* () {
    const { nspp, productId } = command
    const pesantren = yield* registeredFor(command, state, "retire its flagship")
    if (pesantren.flagship !== productId) {
      return yield* new FlagshipNotActive({ nspp, productId, active: pesantren.flagship })
    }
    return [new FlagshipRetired({ nspp, productId, reason: command.reason, retiredOn: yield* CalendarDate.today })]
  })

/** The events a command produces on a pesantren stream, or the rule that refuses it. */
export const decide = (command: PesantrenCommand, state: State): Effect.Effect<ReadonlyArray<PesantrenEvent>, PesantrenError> => {
  switch (command._tag) {
    case "RegisterPesantren":
      return Effect.gen(function* () {
        yield* Authorization.authorize("RegisterPesantren", command.actor, command.nspp)
        if (state._tag === "Registered") {
          return yield* new PesantrenAlreadyRegistered({ nspp: state.nspp, name: state.name })
        }
        const { nspp, name, regionCode, pengasuh, santriCount } = command
        return [new PesantrenRegistered({ nspp, name, regionCode, pengasuh, santriCount })]
      })
    case "LinkKopontren":
      return Effect.gen(function* () {
        const pesantren = yield* registeredFor(command, state, "link its Kopontren")
        if (pesantren.kopontren === command.nik) return []
        if (pesantren.kopontren !== undefined) {
          return yield* new KopontrenAlreadyLinked({ nspp: command.nspp, linked: pesantren.kopontren, requested: command.nik })
        }
        return [new KopontrenLinked({ nspp: command.nspp, nik: command.nik })]
      })
    case "ReplaceKopontren":
      return Effect.gen(function* () {
        const pesantren = yield* registeredFor(command, state, "replace its Kopontren")
        if (pesantren.kopontren === undefined) return yield* new KopontrenNotLinked({ nspp: command.nspp })
        if (pesantren.kopontren === command.nik) return []
        return [
          new KopontrenReplaced({
            nspp: command.nspp,
            previous: pesantren.kopontren,
            nik: command.nik,
            reason: command.reason,
            replacedOn: yield* CalendarDate.today
          })
        ]
      })
    case "VerifyPesantren":
      return Effect.gen(function* () {
        const action = "verify it"
        const pesantren = yield* registeredFor(command, state, action)
        if (pesantren.verified) return yield* new PesantrenAlreadyVerified({ nspp: command.nspp })
        if (pesantren.suspension !== undefined) {
          return yield* new PesantrenUnderSuspension({ nspp: command.nspp, reason: pesantren.suspension, action })
        }
        if (pesantren.kopontren === undefined) return yield* new KopontrenNotLinked({ nspp: command.nspp })
        return [new PesantrenVerified({ nspp: command.nspp, verifiedOn: yield* CalendarDate.today })]
      })
    case "SuspendPesantren":
      return Effect.gen(function* () {
        const action = "suspend it again"
        const pesantren = yield* registeredFor(command, state, "suspend it")
        if (pesantren.suspension !== undefined) {
          return yield* new PesantrenUnderSuspension({ nspp: command.nspp, reason: pesantren.suspension, action })
        }
        return [new PesantrenSuspended({ nspp: command.nspp, reason: command.reason })]
      })
    case "ReinstatePesantren":
      return Effect.gen(function* () {
        const pesantren = yield* registeredFor(command, state, "reinstate it")
        if (pesantren.suspension === undefined) return yield* new PesantrenNotSuspended({ nspp: command.nspp })
        return [new PesantrenReinstated({ nspp: command.nspp })]
      })
    case "DesignateFlagship":
      return designate(command, state)
    case "RetireFlagship":
      return retire(command, state)
  }
}

/** The pesantren decider. */
export const decider: Decider.Decider<PesantrenCommand, PesantrenEvent, State, PesantrenError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The codec of pesantren events. */
export const codec: EventCodec.EventCodec<PesantrenEvent> = EventCodec.make(PesantrenEvent)

/** The pesantren's active flagship, if any. */
export const activeFlagship = (state: State): ProductId | undefined => (state._tag === "Registered" ? state.flagship : undefined)
