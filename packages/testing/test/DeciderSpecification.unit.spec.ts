import { describe, expect, it } from "vitest"
import { Clock, Effect, Schema } from "effect"
import { Decider } from "@jatim/eventstore"
import { DeciderSpecification } from "../src/index.js"

// A cooperative's membership register: members join and leave; a leave is dated by the Clock.
class MemberJoined extends Schema.TaggedClass<MemberJoined>()("MemberJoined", { memberId: Schema.String }) {}
class MemberLeft extends Schema.TaggedClass<MemberLeft>()("MemberLeft", { memberId: Schema.String, on: Schema.String }) {}
type MembershipEvent = MemberJoined | MemberLeft
type MembershipCommand = { readonly _tag: "Join"; readonly memberId: string } | { readonly _tag: "Leave"; readonly memberId: string }
class AlreadyMember extends Schema.TaggedError<AlreadyMember>()("AlreadyMember", { memberId: Schema.String }) {}
class NotAMember extends Schema.TaggedError<NotAMember>()("NotAMember", { memberId: Schema.String }) {}

const membership = Decider.make<MembershipCommand, MembershipEvent, ReadonlySet<string>, AlreadyMember | NotAMember>({
  initialState: new Set(),
  evolve: (members, event) => {
    const next = new Set(members)
    if (event._tag === "MemberJoined") next.add(event.memberId)
    else next.delete(event.memberId)
    return next
  },
  decide: (command, members) =>
    Effect.gen(function* () {
      if (command._tag === "Join") {
        if (members.has(command.memberId)) return yield* new AlreadyMember({ memberId: command.memberId })
        return [new MemberJoined({ memberId: command.memberId })]
      }
      if (!members.has(command.memberId)) return yield* new NotAMember({ memberId: command.memberId })
      const now = new Date(yield* Clock.currentTimeMillis)
      return [new MemberLeft({ memberId: command.memberId, on: now.toISOString().slice(0, 10) })]
    })
})

const spec = DeciderSpecification.for(membership)
const joined = new MemberJoined({ memberId: "m-1" })
const join = (memberId: string): MembershipCommand => ({ _tag: "Join", memberId })

describe("DeciderSpecification", () => {
  it("passes when the command produces exactly the expected events", () => {
    spec.given([]).when(join("m-1")).then([joined])
  })

  it("passes when the command fails with exactly the expected error", () => {
    spec
      .given([joined])
      .when(join("m-1"))
      .then(new AlreadyMember({ memberId: "m-1" }))
    const error = spec.given([]).when({ _tag: "Leave", memberId: "m-9" }).thenFailsWith("NotAMember")
    expect(error).toMatchObject({ memberId: "m-9" })
  })

  it("decides at the instant given, through a fixed Clock", () => {
    spec
      .given([joined])
      .at("2019-08-07T10:00:00Z")
      .when({ _tag: "Leave", memberId: "m-1" })
      .then([new MemberLeft({ memberId: "m-1", on: "2019-08-07" })])
  })

  /** Member m-1 joins, after `given`. */
  const whenJoining = (given: ReadonlyArray<MembershipEvent>) => spec.given(given).when(join("m-1"))

  it.each([
    { outcome: "the events differ", run: () => whenJoining([]).then([new MemberJoined({ memberId: "m-2" })]) },
    {
      outcome: "an error was expected",
      run: () => whenJoining([]).then(new AlreadyMember({ memberId: "m-1" })),
      message: /expected an error/
    },
    { outcome: "events were expected", run: () => whenJoining([joined]).then([joined]), message: /expected events/ },
    { outcome: "the error differs", run: () => whenJoining([joined]).then(new AlreadyMember({ memberId: "m-2" })) },
    { outcome: "the error is of another type", run: () => whenJoining([joined]).then(new NotAMember({ memberId: "m-1" })) },
    { outcome: "the error has another tag", run: () => whenJoining([joined]).thenFailsWith("NotAMember") }
  ])("fails the test when $outcome", ({ message, run }) => {
    expect(run).toThrow(message)
  })
})
