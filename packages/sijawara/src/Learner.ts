/**
 * The learner decider (stream `learner-<learnerId>`).
 *
 * A learner registers once with a kabupaten/kota of Jawa Timur and a role. Links to a UMKM (NIB)
 * or a cooperative (NIK Koperasi) need both sides (`Link`): the learner proposes, the business
 * (the `UMKM_OWNER` of that NIB, the `KOPERASI_ADMIN` of that NIK) confirms or declines, and only
 * then is the link in effect; either side may end it. A learner has at most one link in effect of
 * each kind: confirming a new one ends the old one first (`LinkEnded` with reason `REPLACED`, by
 * the learner, who proposed or confirmed the new one, naming the business that replaced it), and
 * closes every other open proposal of its kind (`LinkProposalSuperseded`), so an old proposal can
 * never later replace the link in effect. Registering oneself as a UMKM owner proposes the link
 * to that UMKM; it is in effect once the UMKM's owner confirms.
 *
 * Who may act (checked before any rule that reveals the learner's state): the learner themself
 * or a Dinas officer registers; only the learner proposes (a business proposing would be told
 * whether the learner exists); the learner or the business confirms, never anyone else, and
 * never the Dinas (consent is the parties' own); the learner, the business or a Dinas officer
 * ends a link or closes a proposal; only a Dinas officer erases a learner's personal data
 * (`EraseLearnerData`), which records who erased and when and nothing else.
 *
 * A business learns nothing about a learner it has no link or proposal with: its confirmation or
 * ending answers `NoLinkProposal` alike whether the learner is unknown, is registered without a
 * proposal to it, or had a link with it that ended.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Either, Option, Struct } from "effect"
import { Aggregate, Decider, EventCodec, Lifecycle } from "@jatim/eventstore"
import { Actor, type Identifier, type Region } from "@jatim/kernel"
import type { LearnerId } from "./Ids.js"
import type { LearnerCommand } from "./LearnerCommand.js"
import {
  LearnerDataErased,
  LearnerEvent,
  LearnerRegistered,
  LinkConfirmed,
  LinkEnded,
  LinkProposalClosed,
  LinkProposalSuperseded,
  LinkProposed
} from "./LearnerEvent.js"
import type { LearnerProfile } from "./LearnerProfile.js"
import type { LearnerRole } from "./LearnerRole.js"
import * as Link from "./Link.js"
import { LearnerAlreadyRegistered, type LearnerError, LearnerNotFound, LinkAwaitsOtherSide, NoLinkProposal } from "./LearnerError.js"

/** The streams of learners, one a learner: `learner-<learnerId>`; a command is decided on its learnerId's (category `"learner"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("learner", (command: LearnerCommand) => command.learnerId)

/** An open proposal of a link: the business, and the side that proposed it. */
export interface Proposal {
  readonly business: Link.Business
  readonly by: Link.Side
}

/** A registered learner. */
export interface Learner {
  readonly _tag: "Learner"
  readonly learnerId: LearnerId
  readonly name: string
  readonly region: Region.RegionCode
  readonly role: LearnerRole
  /** The UMKM whose link with the learner is in effect (both sides agreed), or null. */
  readonly linkedNib: Identifier.Nib | null
  /** The cooperative whose link with the learner is in effect (both sides agreed), or null. */
  readonly linkedNik: Identifier.NikKoperasi | null
  /** Proposals awaiting the other side, at most one per business. */
  readonly proposals: ReadonlyArray<Proposal>
  /** Who erased the learner's personal data and when, or null while it is kept. */
  readonly erased: { readonly by: string; readonly at: Date } | null
}

/** The state of a learner stream. */
export type State = { readonly _tag: "NoLearner" } | Learner

/** The link in effect of `business`'s kind, if any. */
export const linkInEffect = (state: Learner, kind: Link.Kind): Option.Option<Link.Business> =>
  kind === "UMKM"
    ? Option.map(Option.fromNullable(state.linkedNib), (nib) => Link.Umkm.make({ nib }))
    : Option.map(Option.fromNullable(state.linkedNik), (nik) => Link.Koperasi.make({ nik }))

const isInEffect = (state: Learner, business: Link.Business): boolean =>
  Option.exists(linkInEffect(state, business._tag), (current) => Link.same(current, business))

const withoutProposal = (state: Learner, business: Link.Business): ReadonlyArray<Proposal> =>
  state.proposals.filter((p) => !Link.same(p.business, business))

/** The open proposals of `business`'s kind other than `business` itself: those a link of `business` supersedes. */
const otherProposalsOfKind = (state: Learner, business: Link.Business): ReadonlyArray<Proposal> =>
  state.proposals.filter((p) => p.business._tag === business._tag && !Link.same(p.business, business))

const withLink = (state: Learner, business: Link.Business | null, kind: Link.Kind): Learner =>
  kind === "UMKM"
    ? { ...state, linkedNib: business?._tag === "UMKM" ? business.nib : null }
    : { ...state, linkedNik: business?._tag === "KOPERASI" ? business.nik : null }

/**
 * `initialState` is the state before registration (`NoLearner`), `evolve` the state after one
 * event. Events before a registration change nothing; the first version's one-sided
 * `LearnerLinkedTo…` events put no link in effect (no consent of the other side was ever recorded).
 * A confirmed link closes every other open proposal of its kind, also in streams written before
 * `LinkProposalSuperseded` recorded it.
 */
export const { initialState, evolve } = Lifecycle.make<State, LearnerEvent>()({
  initial: "NoLearner",
  creation: "LearnerRegistered",
  create: (event) => ({
    ...Struct.omit(event, "_tag", "at"),
    _tag: "Learner",
    linkedNib: null,
    linkedNik: null,
    proposals: [],
    erased: null
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "LinkProposed":
        return { ...state, proposals: [...withoutProposal(state, event.business), { business: event.business, by: event.by }] }
      case "LinkConfirmed":
        return {
          ...withLink(state, event.business, event.business._tag),
          proposals: state.proposals.filter((p) => p.business._tag !== event.business._tag)
        }
      case "LinkEnded":
        return isInEffect(state, event.business) ? withLink(state, null, event.business._tag) : state
      case "LinkProposalClosed":
      case "LinkProposalSuperseded":
        return { ...state, proposals: withoutProposal(state, event.business) }
      case "LearnerLinkedToUmkm":
      case "LearnerLinkedToKoperasi":
        return state
      case "LearnerDataErased":
        return state.erased === null ? { ...state, erased: { by: event.erasedBy, at: event.at } } : state
    }
  }
})

/** Every error of learner commands (`LearnerError.ts`). */
export type { LearnerError } from "./LearnerError.js"

const isSelf = (actor: Actor.Actor, learnerId: LearnerId): boolean => actor._tag === "LEARNER" && actor.learnerId === learnerId

const refuse = (actor: Actor.Actor, action: string, rule: string) => Either.left(new Actor.ActorNotAuthorized({ actor, action, rule }))

/** Who acts in a command: nobody for registration, the Dinas erasing, else the side of the link (or the Dinas, ending). */
type Acting =
  | { readonly _tag: "Registrar" }
  | { readonly _tag: "Eraser"; readonly officerId: string }
  | { readonly _tag: "Side"; readonly side: Link.EndedBy }

/** Who may issue `command`: checked first, before anything about the learner is read. */
export const authorize = (command: LearnerCommand): Either.Either<Acting, Actor.ActorNotAuthorized> => {
  const { actor, learnerId } = command
  if (command._tag === "RegisterLearner") {
    return actor._tag === "DINAS_OFFICER" || isSelf(actor, learnerId)
      ? Either.right({ _tag: "Registrar" })
      : refuse(actor, `register learner "${learnerId}"`, "a learner registers themself, or a Dinas officer registers them")
  }
  if (command._tag === "EraseLearnerData") {
    return actor._tag === "DINAS_OFFICER"
      ? Either.right({ _tag: "Eraser", officerId: actor.officerId })
      : refuse(
          actor,
          `erase the personal data of learner "${learnerId}"`,
          "personal data is erased by a Dinas officer, on the learner's request to the Dinas"
        )
  }
  const business = Link.describe(command.business)
  const owner = Link.describeSide("BUSINESS", command.business)
  const side = Link.sideOf(actor, learnerId, command.business)
  const refuseTo = (action: string, rule: string) => refuse(actor, `${action} between learner "${learnerId}" and ${business}`, rule)
  const nobodyElse = "nobody else, not even a Dinas officer, consents for them"
  switch (command._tag) {
    case "ProposeLink":
      return Option.contains(side, "LEARNER")
        ? Either.right({ _tag: "Side", side: "LEARNER" })
        : refuseTo(
            "propose a link",
            `a link is proposed only by the learner themself, and confirmed or declined by ${owner}: ${nobodyElse}`
          )
    case "ConfirmLink":
      return Option.isSome(side)
        ? Either.right({ _tag: "Side", side: side.value })
        : refuseTo("confirm a link", `a link is confirmed only by its two sides, the learner and ${owner}: ${nobodyElse}`)
    case "EndLink":
      return Option.isSome(side)
        ? Either.right({ _tag: "Side", side: side.value })
        : actor._tag === "DINAS_OFFICER"
          ? Either.right({ _tag: "Side", side: "DINAS" })
          : refuseTo("end the link", `a link is ended by the learner, by ${owner} or by a Dinas officer`)
  }
}

/**
 * The events that put `business` in effect as confirmed by `side`: the other open proposals of
 * its kind superseded, the old link of its kind ended as replaced (by the learner, whose choice
 * the new link is), then the confirmation.
 */
const confirm = (state: Learner, business: Link.Business, side: Link.Side, at: Date): ReadonlyArray<LearnerEvent> => {
  const { learnerId } = state
  const superseded = otherProposalsOfKind(state, business).map((p) => new LinkProposalSuperseded({ learnerId, business: p.business, at }))
  const replaced = Option.match(linkInEffect(state, business._tag), {
    onNone: () => [],
    onSome: (old) => [new LinkEnded({ learnerId, business: old, by: "LEARNER", reason: "REPLACED", replacedBy: business, at })]
  })
  return [...superseded, ...replaced, new LinkConfirmed({ learnerId, business, by: side, at })]
}

/** The events a learner command produces, or the rule that refuses it. */
export const decide = (command: LearnerCommand, state: State): Effect.Effect<ReadonlyArray<LearnerEvent>, LearnerError> =>
  Effect.gen(function* () {
    const acting = yield* authorize(command)
    const { actor, learnerId } = command
    const at = new Date(yield* Clock.currentTimeMillis)
    if (command._tag === "RegisterLearner") {
      if (state._tag === "Learner") return yield* new LearnerAlreadyRegistered({ learnerId })
      const registered = new LearnerRegistered({ learnerId, name: command.name, region: command.region, role: command.role, at })
      // A learner registering themself as a UMKM's owner proposes the link; the owner confirms it.
      return command.role._tag === "UMKM_OWNER" && isSelf(actor, learnerId)
        ? [registered, new LinkProposed({ learnerId, business: Link.Umkm.make({ nib: command.role.nib }), by: "LEARNER", at })]
        : [registered]
    }
    if (command._tag === "EraseLearnerData") {
      if (state._tag === "NoLearner" || state.learnerId !== learnerId) return yield* new LearnerNotFound({ learnerId })
      // Erased already: the first erasure stands, and the key is gone since.
      if (state.erased !== null || acting._tag !== "Eraser") return []
      return [new LearnerDataErased({ learnerId, erasedBy: acting.officerId, at })]
    }
    if (acting._tag !== "Side") return []
    const { business } = command
    const noProposal = new NoLinkProposal({ learnerId, business: Link.describe(business) })
    if (state._tag === "NoLearner" || state.learnerId !== learnerId) {
      // A business is told exactly what it is told about a learner with no link or proposal with it.
      return yield* acting.side === "BUSINESS" ? noProposal : new LearnerNotFound({ learnerId })
    }
    const proposal = state.proposals.find((p) => Link.same(p.business, business))
    switch (command._tag) {
      case "ProposeLink": {
        if (acting.side !== "LEARNER") return []
        if (isInEffect(state, business) || proposal?.by === "LEARNER") return []
        // A proposal the business made before only learners proposed: proposing it too confirms it.
        if (proposal !== undefined) return confirm(state, business, "LEARNER", at)
        return [new LinkProposed({ learnerId, business, by: "LEARNER", at })]
      }
      case "ConfirmLink": {
        if (acting.side === "DINAS" || isInEffect(state, business)) return []
        if (proposal === undefined) return yield* noProposal
        if (proposal.by === acting.side) {
          return yield* new LinkAwaitsOtherSide({
            learnerId,
            business: Link.describe(business),
            awaiting: Link.describeSide(Link.otherSide(acting.side), business)
          })
        }
        return confirm(state, business, acting.side, at)
      }
      case "EndLink": {
        if (isInEffect(state, business)) return [new LinkEnded({ learnerId, business, by: acting.side, reason: "ENDED", at })]
        if (proposal !== undefined) return [new LinkProposalClosed({ learnerId, business, by: acting.side, at })]
        // Nothing to end: the learner and the Dinas may know that; a business learns no more than from an unknown learner.
        return acting.side === "BUSINESS" ? yield* noProposal : []
      }
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

/** The UMKM whose link with the learner is in effect now (both sides agreed), or null for any other state. */
export const linkedNibInEffect = (state: State, learnerId: LearnerId): Identifier.Nib | null =>
  state._tag === "Learner" && state.learnerId === learnerId ? state.linkedNib : null

/** The profile an enrollment keeps of a registered learner: its links in effect, never mere proposals. */
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
