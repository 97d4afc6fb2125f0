/**
 * The santripreneur aggregate, one stream per santri (`santripreneur-<santriId>`): enrolled by
 * their pesantren → trained → a venture started (only after training) → graduated as
 * independent (only with a venture). A graduate's record is closed.
 *
 * Who sees what (`visibleTo`, adr/0014): a santri's record (their name is personal data) is
 * seen by their pesantren's own admin and the Dinas only; to anyone else it does not exist.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Struct } from "effect"
import { Aggregate, Decider, EventCodec, Lifecycle } from "@jatim/eventstore"
import { type Actor, CalendarDate, Identifier, Text, Visibility } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import { ProductCategory } from "./ProductCategory.js"
import { SantriId } from "./SantriId.js"
import type { SantripreneurCommand } from "./SantripreneurCommand.js"
import {
  SantripreneurAlreadyEnrolled,
  SantripreneurAlreadyGraduated,
  SantripreneurNotEnrolled,
  TrainingRequired,
  VentureAlreadyStarted,
  VentureRequired,
  type SantripreneurError
} from "./SantripreneurError.js"
import {
  SantripreneurEnrolled,
  SantripreneurEvent,
  SantripreneurGraduated,
  SantripreneurTrained,
  TrainingTopic,
  VentureStarted
} from "./SantripreneurEvent.js"

/** The streams of santripreneurs, one a santri: `santripreneur-<santriId>`; a command is decided on its santriId's (category `"santripreneur"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById(
  "santripreneur",
  (command: SantripreneurCommand) => command.santriId
)

/** A santri not enrolled. */
export interface NotEnrolled {
  readonly _tag: "NotEnrolled"
}

/** An enrolled santripreneur. */
export interface Enrolled {
  readonly _tag: "Enrolled"
  readonly santriId: SantriId
  readonly nspp: Identifier.Nspp
  readonly name: string
  readonly trainings: ReadonlyArray<TrainingTopic>
  readonly venture: { readonly name: string; readonly category: ProductCategory } | undefined
  readonly graduated: boolean
}

/** The state of a santripreneur stream. */
export type State = NotEnrolled | Enrolled

/**
 * `initialState` is the state of a stream with no events (`NotEnrolled`), `evolve` the state after
 * one more event. Events that do not apply to the state leave it as it is.
 */
export const { initialState, evolve } = Lifecycle.make<State, SantripreneurEvent>()({
  initial: "NotEnrolled",
  creation: "SantripreneurEnrolled",
  create: (event) => ({
    ...Struct.pick(event, "santriId", "nspp", "name"),
    _tag: "Enrolled",
    trainings: [],
    venture: undefined,
    graduated: false
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "SantripreneurTrained":
        return state.trainings.includes(event.topic) ? state : { ...state, trainings: [...state.trainings, event.topic] }
      case "VentureStarted":
        return { ...state, venture: { name: event.ventureName, category: event.category } }
      case "SantripreneurGraduated":
        return { ...state, graduated: true }
    }
  }
})

/**
 * The enrolled, not yet graduated santripreneur a command by `actor` acts on, authorized first.
 * A santri is their pesantren's and the Dinas's business (adr/0014): to anyone else they are not
 * enrolled, so a refusal never tells a stranger that a santri exists, where, or how far along.
 */
const active = (
  state: State,
  command: {
    readonly _tag: Exclude<SantripreneurCommand["_tag"], "EnrollSantripreneur">
    readonly santriId: SantriId
    readonly actor: Actor.Actor
  },
  action: string
) =>
  Effect.gen(function* () {
    const { actor, santriId } = command
    const known =
      state._tag === "Enrolled" && (actor._tag === "DINAS_OFFICER" || (actor._tag === "PESANTREN_ADMIN" && actor.nspp === state.nspp))
    if (state._tag === "NotEnrolled" || !known) return yield* new SantripreneurNotEnrolled({ santriId, action })
    yield* Authorization.authorize(command._tag, actor, state.nspp)
    if (state.graduated) return yield* new SantripreneurAlreadyGraduated({ santriId, action })
    return state
  })

/** The events a command produces on a santripreneur stream, or the rule that refuses it. */
export const decide = (
  command: SantripreneurCommand,
  state: State
): Effect.Effect<ReadonlyArray<SantripreneurEvent>, SantripreneurError> => {
  switch (command._tag) {
    case "EnrollSantripreneur":
      return Effect.gen(function* () {
        yield* Authorization.authorize("EnrollSantripreneur", command.actor, command.nspp)
        if (state._tag === "Enrolled") {
          return yield* new SantripreneurAlreadyEnrolled({ santriId: command.santriId })
        }
        const enrolledOn = yield* CalendarDate.today
        return [new SantripreneurEnrolled({ santriId: command.santriId, nspp: command.nspp, name: command.name, enrolledOn })]
      })
    case "RecordTraining":
      return Effect.gen(function* () {
        const santri = yield* active(state, command, "record a training")
        if (santri.trainings.includes(command.topic)) return []
        const trainedOn = yield* CalendarDate.today
        return [new SantripreneurTrained({ santriId: santri.santriId, topic: command.topic, trainedOn })]
      })
    case "StartVenture":
      return Effect.gen(function* () {
        const santri = yield* active(state, command, "start a venture")
        if (santri.venture !== undefined) {
          return yield* new VentureAlreadyStarted({ santriId: santri.santriId, ventureName: santri.venture.name })
        }
        if (santri.trainings.length === 0) return yield* new TrainingRequired({ santriId: santri.santriId })
        const startedOn = yield* CalendarDate.today
        return [new VentureStarted({ santriId: santri.santriId, ventureName: command.ventureName, category: command.category, startedOn })]
      })
    case "GraduateSantripreneur":
      return Effect.gen(function* () {
        const santri = yield* active(state, command, "graduate them")
        if (santri.venture === undefined) return yield* new VentureRequired({ santriId: santri.santriId })
        return [new SantripreneurGraduated({ santriId: santri.santriId, graduatedOn: yield* CalendarDate.today })]
      })
  }
}

/** The santripreneur decider. */
export const decider: Decider.Decider<SantripreneurCommand, SantripreneurEvent, State, SantripreneurError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The codec of santripreneur events. */
export const codec: EventCodec.EventCodec<SantripreneurEvent> = EventCodec.make(SantripreneurEvent)

/** Schema of a santripreneur's record, as JSON for their pesantren's admin and the Dinas. */
export const Summary = Schema.Struct({
  santriId: SantriId,
  nspp: Identifier.Nspp,
  /** The santri's name: personal data. */
  name: Text.Name,
  trainings: Schema.Array(TrainingTopic),
  venture: Schema.UndefinedOr(Schema.Struct({ name: Text.Name, category: ProductCategory })),
  graduated: Schema.Boolean
}).annotations({ identifier: "SantripreneurSummary", description: "a santripreneur's record in OPOP" })

/** A santripreneur's record. */
export interface Summary extends Schema.Schema.Type<typeof Summary> {}

/** The record of an enrolled santri; none when not enrolled. */
export const summary = (state: State): Option.Option<Summary> =>
  state._tag === "Enrolled"
    ? Option.some({
        santriId: state.santriId,
        nspp: state.nspp,
        name: state.name,
        trainings: state.trainings,
        venture: state.venture,
        graduated: state.graduated
      })
    : Option.none()

/** What `actor` sees of a santri's record: all of it for their pesantren's own admin and the Dinas, else nothing. */
export const visibleTo: Visibility.ReadPolicy<Summary> = (actor, record) =>
  Visibility.isDinas(actor) || (actor._tag === "PESANTREN_ADMIN" && actor.nspp === record.nspp) ? Option.some(record) : Option.none()
