/**
 * The main example of `packages/eventstore/README.md`, as written there (only the last line,
 * which prints the result, is replaced by the test's assertions). Keep the two in step.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Checkpoints,
  CommandHandler,
  Decider,
  EventCodec,
  EventStore,
  InMemoryEventStore,
  InMemoryReadModel,
  LeaderElection,
  ProjectionRunner
} from "@jatim/eventstore"
import { Effect, Layer, Schema } from "effect"

// --- README example: start ---

// The member register of a cooperative: stream `koperasi-<NIK Koperasi>`.
class MemberJoined extends Schema.TaggedClass<MemberJoined>()("MemberJoined", { nik: Schema.String }) {}
class MemberLeft extends Schema.TaggedClass<MemberLeft>()("MemberLeft", { nik: Schema.String }) {}
const MemberEvent = Schema.Union(MemberJoined, MemberLeft)
type MemberEvent = typeof MemberEvent.Type
const memberCodec = EventCodec.make(MemberEvent)

type MemberCommand = { readonly _tag: "Join"; readonly nik: string } | { readonly _tag: "Leave"; readonly nik: string }

class AlreadyMember extends Schema.TaggedError<AlreadyMember>()("AlreadyMember", { nik: Schema.String }) {}
class NotAMember extends Schema.TaggedError<NotAMember>()("NotAMember", { nik: Schema.String }) {}

const register = Decider.make<MemberCommand, MemberEvent, ReadonlySet<string>, AlreadyMember | NotAMember>({
  initialState: new Set(),
  evolve: (members, event) => {
    const next = new Set(members)
    if (event._tag === "MemberJoined") next.add(event.nik)
    else next.delete(event.nik)
    return next
  },
  decide: (command, members) => {
    switch (command._tag) {
      case "Join":
        return members.has(command.nik)
          ? Effect.fail(new AlreadyMember({ nik: command.nik }))
          : Effect.succeed([new MemberJoined({ nik: command.nik })])
      case "Leave":
        return members.has(command.nik)
          ? Effect.succeed([new MemberLeft({ nik: command.nik })])
          : Effect.fail(new NotAMember({ nik: command.nik }))
    }
  }
})

// Load, decide, append with Exact(version); on a conflict, load and decide again.
const handle = CommandHandler.make({ decider: register, codec: memberCodec })

const program = Effect.gen(function* () {
  // A read model in memory, kept by an asynchronous projection: members per koperasi.
  const members = yield* InMemoryReadModel.typed({
    name: "members-per-koperasi",
    codec: memberCodec,
    categories: ["koperasi"],
    initial: {} as Readonly<Record<string, number>>,
    apply: (counts, event) => ({
      ...counts,
      [event.streamName]: (counts[event.streamName] ?? 0) + (event.data._tag === "MemberJoined" ? 1 : -1)
    })
  })
  const runner = yield* ProjectionRunner.make([members.projection])

  const koperasi = "koperasi-3578010000000001"
  const admin = { actor: { role: "KOPERASI_ADMIN", id: "3578010000000001" } }
  yield* handle(koperasi, { _tag: "Join", nik: "3578010101900001" }, admin)
  yield* handle(koperasi, { _tag: "Join", nik: "3578010101900002" }, admin)
  const left = yield* handle(koperasi, { _tag: "Leave", nik: "3578010101900001" }, admin)
  // A domain error comes back typed, and nothing is written.
  const refused = yield* Effect.flip(handle(koperasi, { _tag: "Leave", nik: "3578010101900001" }, admin))

  yield* runner.awaitCaughtUp("members-per-koperasi")
  return {
    version: left.nextExpectedVersion,
    members: [...left.newState],
    refused: refused._tag,
    counts: yield* members.get
  }
})

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

// --- README example: end ---

describe("the README's example", () => {
  it("handles the commands, refuses the domain error and keeps the read model", async () => {
    const result = await Effect.runPromise(program.pipe(Effect.scoped, Effect.provide(inMemory)))
    expect(result).toEqual({
      version: 3,
      members: ["3578010101900002"],
      refused: "NotAMember",
      counts: { "koperasi-3578010000000001": 1 }
    })
  })

  it("records the actor in every event's metadata and writes nothing for the refused command", async () => {
    const stored = await Effect.runPromise(
      Effect.gen(function* () {
        yield* program
        return yield* EventStore.readStream("koperasi-3578010000000001")
      }).pipe(Effect.scoped, Effect.provide(inMemory))
    )
    expect(stored.streamVersion).toBe(3)
    expect(stored.events.map((e) => e.type)).toEqual(["MemberJoined", "MemberJoined", "MemberLeft"])
    for (const event of stored.events) {
      expect(event.metadata.actor).toEqual({ role: "KOPERASI_ADMIN", id: "3578010000000001" })
    }
  })
})
