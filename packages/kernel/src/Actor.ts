/**
 * Actors: who issues a command. Every command carries its actor, and who may issue what is a
 * domain rule checked in `decide`, so it is tested like every other rule.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as ErrorCategory from "./ErrorCategory.js"
import { Nib, NikKoperasi, Nspp } from "./Identifier.js"

/** An officer of the Dinas Koperasi dan UKM Provinsi Jawa Timur. */
export const DinasOfficer = Schema.TaggedStruct("DINAS_OFFICER", { officerId: Schema.NonEmptyTrimmedString })
/** A curator who scores OPOP products. */
export const Curator = Schema.TaggedStruct("CURATOR", { curatorId: Schema.NonEmptyTrimmedString })
/** The administrator of one pesantren. */
export const PesantrenAdmin = Schema.TaggedStruct("PESANTREN_ADMIN", { nspp: Nspp })
/** The administrator of one cooperative. */
export const KoperasiAdmin = Schema.TaggedStruct("KOPERASI_ADMIN", { nik: NikKoperasi })
/** The owner of one UMKM. */
export const UmkmOwner = Schema.TaggedStruct("UMKM_OWNER", { nib: Nib })
/** A learner of Sijawara. */
export const Learner = Schema.TaggedStruct("LEARNER", { learnerId: Schema.NonEmptyTrimmedString })

/** Schema of every actor. */
export const Actor = Schema.Union(DinasOfficer, Curator, PesantrenAdmin, KoperasiAdmin, UmkmOwner, Learner)

/** Who issues a command. */
export type Actor = typeof Actor.Type

/** The role names, as they travel in tokens and event metadata. */
export type Role = Actor["_tag"]

/** The identity an actor acts for (officer, curator, NSPP, NIK, NIB or learner id). */
export const identityOf = (actor: Actor): string => {
  switch (actor._tag) {
    case "DINAS_OFFICER":
      return actor.officerId
    case "CURATOR":
      return actor.curatorId
    case "PESANTREN_ADMIN":
      return actor.nspp
    case "KOPERASI_ADMIN":
      return actor.nik
    case "UMKM_OWNER":
      return actor.nib
    case "LEARNER":
      return actor.learnerId
  }
}

/** The actor as event metadata records it: its role and identity. */
export const toActorRef = (actor: Actor): { readonly role: Role; readonly id: string } => ({
  role: actor._tag,
  id: identityOf(actor)
})

/** The actor of `command` as event metadata records it (what `Aggregate.commands` needs of a command). */
export const refOfCommand = (command: { readonly actor: Actor }): { readonly role: Role; readonly id: string } => toActorRef(command.actor)

/** "PESANTREN_ADMIN 510035780001": an actor in messages. */
export const describe = (actor: Actor): string => `${actor._tag} ${identityOf(actor)}`

/** An actor who may not issue a command. The message names the rule that refused it. */
export class ActorNotAuthorized extends Schema.TaggedError<ActorNotAuthorized>()(
  "ActorNotAuthorized",
  {
    actor: Actor,
    action: Schema.String,
    rule: Schema.String
  },
  ErrorCategory.forbidden
) {
  override get message(): string {
    return `${describe(this.actor)} may not ${this.action}: ${this.rule}.`
  }
}
