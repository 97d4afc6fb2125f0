/**
 * What the programs' scripts share. A script is the life of one thing of a program (a pesantren
 * with its products, a learner with their enrollments, a UMKM's onboarding, a cooperative
 * network, an order): a generator that decides one command per step and yields between steps,
 * so that the scheduler interleaves many lives as a province's days would.
 */
import { Schema } from "effect"
import { Actor, Region } from "@jatim/kernel"
import type { Program } from "./Aggregates.js"

/** The life of one thing: one command (or none) per step. */
export type Steps = Generator<void, void, void>

/** A script in progress. */
export interface Script {
  readonly program: Program
  readonly steps: Steps
}

/** Decodes a command (or any value) from its JSON form with the domain's own Schema. */
export const decode = <A, I>(schema: Schema.Schema<A, I>, input: unknown): A => Schema.decodeUnknownSync(schema)(input)

/** A tagged command decoded from its fields' JSON form with the command's own Schema. */
export const command = <A, I extends { readonly _tag: string }>(
  schema: Schema.Schema<A, I> & { readonly _tag: I["_tag"] },
  fields: { readonly [K in Exclude<keyof I, "_tag">]?: unknown }
): A => Schema.decodeUnknownSync(schema)({ _tag: schema._tag, ...fields })

/** An actor from its JSON form. */
export const actor = (input: unknown): Actor.Actor => decode(Actor.Actor, input)

/** The Dinas officers and curators who act in the workload. */
export const officials = {
  dinas: [1, 2, 3, 4, 5].map((n) => actor({ _tag: "DINAS_OFFICER", officerId: `dinas-${String(n).padStart(2, "0")}` })),
  curators: [1, 2, 3, 4, 5, 6].map((n) => actor({ _tag: "CURATOR", curatorId: `kurator-${String(n).padStart(2, "0")}` }))
}

/** Every kabupaten/kota code. */
export const regions: ReadonlyArray<Region.RegionCode> = Region.codes

/** The four digits of a region code ("35.17" → "3517"). */
export const digitsOf = (region: Region.RegionCode): string => region.replace(".", "")

/** A whole number as `width` digits. */
export const digits = (n: number, width: number): string => String(n).padStart(width, "0")

const firstNames = ["Siti", "Ahmad", "Dewi", "Budi", "Nur", "Agus", "Rina", "Hadi", "Lestari", "Slamet", "Wahyu", "Fitri", "Imam", "Yuni"]
const lastNames = ["Aminah", "Santoso", "Rahayu", "Hidayat", "Wibowo", "Lestari", "Kurniawan", "Maulana", "Fauzi", "Susanti", "Prasetyo"]

/** A person's name from `n`. */
export const personName = (n: number): string =>
  `${firstNames[n % firstNames.length]} ${lastNames[Math.floor(n / firstNames.length) % lastNames.length]}`
