/**
 * The cooperative aggregate, one stream per NIK Koperasi (`koperasi-<nik>`): registered as
 * `PRIMER` (at least 20 individual members) or `SEKUNDER` (founded by at least 3 registered primary
 * cooperatives, each checked against its own stream);
 * a primary joins or leaves one secondary's network at a time.
 *
 * @since 0.1.0
 */
import { Effect, Struct } from "effect"
import { Aggregate, Decider, EventCodec } from "@jatim/eventstore"
import type { Identifier, Region, Rupiah } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import { FactUnverified } from "./FactError.js"
import { koperasiReading } from "./internal/issuers.js"
import type { KoperasiCommand } from "./KoperasiCommand.js"
import {
  AlreadyInNetwork,
  FounderNotPrimary,
  KoperasiAlreadyRegistered,
  KoperasiNotRegistered,
  minimumFounders,
  minimumIndividualMembers,
  NetworkNotSecondary,
  NotInNetwork,
  OnlyPrimaryJoinsNetwork,
  TooFewFoundingCooperatives,
  TooFewIndividualMembers,
  type KoperasiError
} from "./KoperasiError.js"
import { KoperasiEvent, NetworkJoined, NetworkLeft, PrimaryKoperasiRegistered, SecondaryKoperasiRegistered } from "./KoperasiEvent.js"

/** The streams of cooperatives, one a cooperative: `koperasi-<nik>`; a command is decided on its nik's (category `"koperasi"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("koperasi", (command: KoperasiCommand) => command.nik)

/** A cooperative not registered yet. */
export interface Unregistered {
  readonly _tag: "Unregistered"
}

/** A registered primary cooperative. */
export interface Primary {
  readonly _tag: "Primary"
  readonly nik: Identifier.NikKoperasi
  readonly name: string
  readonly regionCode: Region.RegionCode
  readonly individualMembers: number
  /** The secondary cooperative whose network it is in. */
  readonly network: Identifier.NikKoperasi | undefined
}

/** A registered secondary cooperative. */
export interface Secondary {
  readonly _tag: "Secondary"
  readonly nik: Identifier.NikKoperasi
  readonly name: string
  readonly regionCode: Region.RegionCode
  readonly founders: ReadonlyArray<Identifier.NikKoperasi>
  readonly feeBasisPoints: Rupiah.BasisPoints
}

/** The state of a cooperative's stream. */
export type State = Unregistered | Primary | Secondary

/** The state of a stream with no events. */
export const initialState: State = { _tag: "Unregistered" }

/** The state after one more event. */
export const evolve = (state: State, event: KoperasiEvent): State => {
  switch (event._tag) {
    case "PrimaryKoperasiRegistered":
      return state._tag === "Unregistered" ? { ...Struct.omit(event, "_tag"), _tag: "Primary", network: undefined } : state
    case "SecondaryKoperasiRegistered":
      return state._tag === "Unregistered" ? { ...Struct.omit(event, "_tag"), _tag: "Secondary" } : state
    case "NetworkJoined":
      return state._tag === "Primary" ? { ...state, network: event.secondary } : state
    case "NetworkLeft":
      return state._tag === "Primary" && state.network === event.secondary ? { ...state, network: undefined } : state
  }
}

const primary = (state: State, nik: Identifier.NikKoperasi, action: string) =>
  state._tag === "Primary"
    ? Effect.succeed(state)
    : state._tag === "Secondary"
      ? Effect.fail(new OnlyPrimaryJoinsNetwork({ nik }))
      : Effect.fail(new KoperasiNotRegistered({ nik, action }))

/** The events a command produces on a cooperative's stream, or the rule that refuses it. */
export const decide = (command: KoperasiCommand, state: State): Effect.Effect<ReadonlyArray<KoperasiEvent>, KoperasiError> =>
  Effect.gen(function* () {
    switch (command._tag) {
      case "RegisterPrimaryKoperasi": {
        const { individualMembers, name, nik, regionCode } = command
        yield* Authorization.authorize("RegisterKoperasi", command.actor, [nik])
        if (state._tag !== "Unregistered") return yield* new KoperasiAlreadyRegistered({ nik })
        if (individualMembers < minimumIndividualMembers) {
          return yield* new TooFewIndividualMembers({ nik, individualMembers })
        }
        return [new PrimaryKoperasiRegistered({ nik, name, regionCode, individualMembers })]
      }
      case "RegisterSecondaryKoperasi": {
        const { feeBasisPoints, name, nik, regionCode } = command
        yield* Authorization.authorize("RegisterKoperasi", command.actor, [nik])
        if (state._tag !== "Unregistered") return yield* new KoperasiAlreadyRegistered({ nik })
        // Each founder as its own stream says it is: only readings `KoperasiReading.read` made, even
        // when the command's validation was skipped (the check `KoperasiReading.is` exports, taken
        // from the issuer here because `KoperasiReading` imports this module).
        if (!command.founders.every(koperasiReading.is)) {
          return yield* new FactUnverified({ fact: "KoperasiReading", subject: `cooperative ${nik}` })
        }
        const readings = new Map(command.founders.filter((founder) => founder.nik !== nik).map((f) => [f.nik, f]))
        if (readings.size < minimumFounders) {
          return yield* new TooFewFoundingCooperatives({ nik, founders: readings.size })
        }
        for (const founder of readings.values()) {
          if (founder.type !== "PRIMER") return yield* new FounderNotPrimary({ nik, founder: founder.nik, type: founder.type })
        }
        return [new SecondaryKoperasiRegistered({ nik, name, regionCode, founders: [...readings.keys()], feeBasisPoints })]
      }
      case "JoinNetwork": {
        const { nik, secondary } = command
        yield* Authorization.authorize("JoinNetwork", command.actor, [nik])
        const current = yield* primary(state, nik, "join a network")
        if (current.network === secondary.nik) return []
        if (current.network !== undefined) return yield* new AlreadyInNetwork({ nik, current: current.network })
        if (secondary.type !== "SEKUNDER" || secondary.nik === nik) {
          return yield* new NetworkNotSecondary({ nik, secondary: secondary.nik })
        }
        return [new NetworkJoined({ nik, secondary: secondary.nik })]
      }
      case "LeaveNetwork": {
        const { nik, secondary } = command
        yield* Authorization.authorize("LeaveNetwork", command.actor, [nik])
        const current = yield* primary(state, nik, "leave a network")
        if (current.network !== secondary) return yield* new NotInNetwork({ nik, secondary })
        return [new NetworkLeft({ nik, secondary })]
      }
    }
  })

/** The cooperative decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The codec of cooperative events. */
export const codec = EventCodec.make(KoperasiEvent)
