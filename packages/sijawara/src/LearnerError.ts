/**
 * The errors of Sijawara's learner aggregate (`Learner.ts`) and the union `LearnerError` of every
 * error a learner command may fail with. Each names the rule that refused a command and what the
 * person can do about it; all are `Schema.TaggedError`s, so they cross the HTTP boundary typed.
 * Authorization refusals are the kernel's `ActorNotAuthorized`. Each class declares its category
 * (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory } from "@jatim/kernel"
import { LearnerId } from "./Ids.js"

/** A learner id that is already registered. */
export class LearnerAlreadyRegistered extends ErrorCategory.DomainError<LearnerAlreadyRegistered>()(
  "LearnerAlreadyRegistered",
  { learnerId: LearnerId },
  ErrorCategory.ruleViolated,
  ({ learnerId }) => `Learner "${learnerId}" is already registered: a learner registers once.`
) {}

/** A command on a learner who is not registered. */
export class LearnerNotFound extends ErrorCategory.DomainError<LearnerNotFound>()(
  "LearnerNotFound",
  { learnerId: LearnerId },
  ErrorCategory.notFound,
  ({ learnerId }) => `Learner "${learnerId}" is not registered: register the learner first.`
) {}

/**
 * A confirmation of a link nobody proposed, or (by a business) an ending of a link neither in
 * effect nor proposed. A business gets it alike for an unknown learner, so it tells no more.
 */
export class NoLinkProposal extends ErrorCategory.DomainError<NoLinkProposal>()(
  "NoLinkProposal",
  { learnerId: LearnerId, business: Schema.String },
  ErrorCategory.ruleViolated,
  ({ learnerId, business }) =>
    `No link between learner "${learnerId}" and ${business} is proposed or in effect: ` +
    `the learner proposes the link first, then the business's owner or admin confirms it.`
) {}

/** A confirmation of a link by the same side that proposed it. */
export class LinkAwaitsOtherSide extends ErrorCategory.DomainError<LinkAwaitsOtherSide>()(
  "LinkAwaitsOtherSide",
  { learnerId: LearnerId, business: Schema.String, awaiting: Schema.String },
  ErrorCategory.ruleViolated,
  ({ learnerId, business, awaiting }) =>
    `The link between learner "${learnerId}" and ${business} was proposed by this side: it takes effect when ${awaiting} confirms it.`
) {}

/** Every error a learner command may fail with. */
export type LearnerError = Actor.ActorNotAuthorized | LearnerAlreadyRegistered | LearnerNotFound | NoLinkProposal | LinkAwaitsOtherSide
