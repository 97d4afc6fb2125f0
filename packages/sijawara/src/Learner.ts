/**
 * The learner decider (stream `learner-<learnerId>`).
 *
 * A learner registers once with a kabupaten/kota of Jawa Timur and a role; a UMKM owner's NIB is
 * linked at registration. A learner may later be linked to a UMKM (NIB) or a cooperative (NIK
 * Koperasi); a new link replaces the old one, and linking again to the same one changes nothing.
 *
 * Who may act: the learner themself or a Dinas officer registers; links are made by the learner,
 * a Dinas officer, or the business itself (the `UMKM_OWNER` of that NIB, the `KOPERASI_ADMIN` of
 * that NIK). Anyone else is refused.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Either } from "effect"
import { Decider, EventCodec } from "@jatim/eventstore"
import { Actor, type Identifier, type Region } from "@jatim/kernel"
import type { LearnerId } from "./Ids.js"
import type { LearnerCommand } from "./LearnerCommand.js"
import { LearnerEvent, LearnerLinkedToKoperasi, LearnerLinkedToUmkm, LearnerRegistered } from "./LearnerEvent.js"
import type { LearnerProfile } from "./LearnerProfile.js"
import type { LearnerRole } from "./LearnerRole.js"
import { LearnerAlreadyRegistered, LearnerNotFound } from "./SijawaraError.js"

/** The category of learner streams. */
export const category = "learner"

/** The stream of a learner: `learner-<learnerId>`. */
export const streamName = (learnerId: LearnerId): string => `${category}-${learnerId}`

/** A registered learner. */
export interface Learner {
  readonly _tag: "Learner"
  readonly learnerId: LearnerId
  readonly name: string
  readonly region: Region.RegionCode
  readonly role: LearnerRole
  readonly linkedNib: Identifier.Nib | null
  readonly linkedNik: Identifier.NikKoperasi | null
}

/** The state of a learner stream. */
export type State = { readonly _tag: "NoLearner" } | Learner

/** The state before registration. */
export const initialState: State = { _tag: "NoLearner" }

/** The state after one event; links before a registration change nothing. */
export const evolve = (state: State, event: LearnerEvent): State => {
  switch (event._tag) {
    case "LearnerRegistered":
      return state._tag === "NoLearner"
        ? {
          _tag: "Learner",
          learnerId: event.learnerId,
          name: event.name,
          region: event.region,
          role: event.role,
          linkedNib: event.role._tag === "UMKM_OWNER" ? event.role.nib : null,
          linkedNik: null
        }
        : state
    case "LearnerLinkedToUmkm":
      return state._tag === "Learner" ? { ...state, linkedNib: event.nib } : state
    case "LearnerLinkedToKoperasi":
      return state._tag === "Learner" ? { ...state, linkedNik: event.nik } : state
  }
}

/** Every error a learner command may fail with. */
export type LearnerError = Actor.ActorNotAuthorized | LearnerAlreadyRegistered | LearnerNotFound

const isSelf = (actor: Actor.Actor, learnerId: LearnerId): boolean =>
  actor._tag === "LEARNER" && actor.learnerId === learnerId

const authorize = (command: LearnerCommand): Either.Either<void, Actor.ActorNotAuthorized> => {
  const { actor, learnerId } = command
  if (actor._tag === "DINAS_OFFICER" || isSelf(actor, learnerId)) return Either.void
  switch (command._tag) {
    case "RegisterLearner":
      return Either.left(new Actor.ActorNotAuthorized({
        actor,
        action: `register learner "${learnerId}"`,
        rule: "a learner registers themself, or a Dinas officer registers them"
      }))
    case "LinkLearnerToUmkm":
      return actor._tag === "UMKM_OWNER" && actor.nib === command.nib
        ? Either.void
        : Either.left(new Actor.ActorNotAuthorized({
          actor,
          action: `link learner "${learnerId}" to UMKM ${command.nib}`,
          rule: "a learner is linked to a UMKM by the learner, by the owner of that UMKM or by a Dinas officer"
        }))
    case "LinkLearnerToKoperasi":
      return actor._tag === "KOPERASI_ADMIN" && actor.nik === command.nik
        ? Either.void
        : Either.left(new Actor.ActorNotAuthorized({
          actor,
          action: `link learner "${learnerId}" to cooperative ${command.nik}`,
          rule: "a learner is linked to a cooperative by the learner, by that cooperative's admin or by a Dinas officer"
        }))
  }
}

/** The events a learner command produces, or the rule that refuses it. */
export const decide = (
  command: LearnerCommand,
  state: State
): Effect.Effect<ReadonlyArray<LearnerEvent>, LearnerError> =>
  Effect.gen(function*() {
    yield* authorize(command)
    const { learnerId } = command
    const at = new Date(yield* Clock.currentTimeMillis)
    if (command._tag === "RegisterLearner") {
      if (state._tag === "Learner") return yield* new LearnerAlreadyRegistered({ learnerId })
      return [new LearnerRegistered({ learnerId, name: command.name, region: command.region, role: command.role, at })]
    }
    if (state._tag === "NoLearner" || state.learnerId !== learnerId) return yield* new LearnerNotFound({ learnerId })
    switch (command._tag) {
      case "LinkLearnerToUmkm":
        return state.linkedNib === command.nib ? [] : [new LearnerLinkedToUmkm({ learnerId, nib: command.nib, at })]
      case "LinkLearnerToKoperasi":
        return state.linkedNik === command.nik ? [] : [new LearnerLinkedToKoperasi({ learnerId, nik: command.nik, at })]
    }
  })

/** The learner decider. */
export const decider: Decider.Decider<LearnerCommand, LearnerEvent, State, LearnerError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The codec of learner events. */
export const codec = EventCodec.make(LearnerEvent)

/** The profile an enrollment keeps of a registered learner. */
export const profile = (state: State, learnerId: LearnerId): Either.Either<LearnerProfile, LearnerNotFound> =>
  state._tag === "Learner" && state.learnerId === learnerId
    ? Either.right({
      learnerId,
      region: state.region,
      role: state.role,
      linkedNib: state.linkedNib,
      linkedNik: state.linkedNik
    })
    : Either.left(new LearnerNotFound({ learnerId }))
