/** The demo's actors: who issues the demo data's commands, and whose tokens `npm start` prints. */
import { Schema } from "effect"
import { Actor } from "@jatim/kernel"

/** An actor from its JSON form, decoded with the kernel's `Actor` Schema. */
export const decodeActor = (input: unknown): Actor.Actor => Schema.decodeUnknownSync(Actor.Actor)(input)

/** The demo's named actors. */
export const actors = {
  dinas: decodeActor({ _tag: "DINAS_OFFICER", officerId: "dinas-01" }),
  curator: decodeActor({ _tag: "CURATOR", curatorId: "kurator-01" }),
  tebuireng: decodeActor({ _tag: "PESANTREN_ADMIN", nspp: "510035170001" }),
  lirboyo: decodeActor({ _tag: "PESANTREN_ADMIN", nspp: "510035710002" }),
  sidogiri: decodeActor({ _tag: "PESANTREN_ADMIN", nspp: "510035140003" }),
  alAmien: decodeActor({ _tag: "PESANTREN_ADMIN", nspp: "510035290004" }),
  koperasi: decodeActor({ _tag: "KOPERASI_ADMIN", nik: "3517010000000001" }),
  umkm: decodeActor({ _tag: "UMKM_OWNER", nib: "9120001234567" }),
  learner: decodeActor({ _tag: "LEARNER", learnerId: "L-2025-000123" })
} as const

/** One actor per role (the first of each), whose tokens `npm start` prints. */
export const oneActorPerRole: ReadonlyArray<Actor.Actor> = [
  actors.dinas,
  actors.curator,
  actors.tebuireng,
  actors.koperasi,
  actors.umkm,
  actors.learner
]
