import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { GlobalPosition } from "@jatim/eventstore"
import {
  check,
  describe as describeViolation,
  type Evidence,
  type ObservedEvent,
  type Outcome,
  Violation,
  type WriterTransaction
} from "../src/Check.js"
import { processManagerShape, tallyStream, triggerStream } from "../src/Scenario.js"

/** A writer's transaction as generated: its fate, size, stream, and whether it ordered (triggers). */
interface GeneratedTransaction {
  readonly outcome: Outcome
  readonly size: number
  readonly stream: number
  readonly orders: boolean
  /** For an uncertain one: whether it did commit. */
  readonly stored: boolean
}

const generatedTransaction: fc.Arbitrary<GeneratedTransaction> = fc.record({
  outcome: fc.constantFrom<Outcome>("committed", "committed", "rolled_back", "abandoned", "uncertain"),
  size: fc.integer({ min: 1, max: 3 }),
  stream: fc.nat({ max: 3 }),
  orders: fc.boolean(),
  stored: fc.boolean()
})

/** What a sound run records for these transactions: every subscriber and the read model agree with the final read. */
const soundEvidence = (generated: ReadonlyArray<GeneratedTransaction>): Evidence => {
  const finalRead: Array<ObservedEvent> = []
  const versions = new Map<string, number>()
  const store = (streamName: string, eventId: string, type: string, causationId: string | undefined) => {
    const streamVersion = (versions.get(streamName) ?? 0) + 1
    versions.set(streamName, streamVersion)
    const n = finalRead.length + 1
    finalRead.push({ eventId, streamName, streamVersion, type, position: GlobalPosition.make(n, 10 * n), causationId })
  }
  const transactions: Array<WriterTransaction> = generated.map((t, i) => {
    const eventIds = Array.from({ length: t.size }, (_, j) => `t${i}e${j}`)
    if (t.outcome === "committed" || (t.outcome === "uncertain" && t.stored)) {
      for (const id of eventIds) store(t.orders ? triggerStream : `shared-${t.stream}`, id, t.orders ? "Ordered" : "Noted", undefined)
      // The process manager's command for each order, some time later.
      if (t.orders) for (const id of eventIds) store(tallyStream, `pm-${id}`, "Counted", id)
    }
    return { id: `t${i}`, eventIds, outcome: t.outcome }
  })
  return {
    transactions,
    finalRead,
    subscribers: ["s1", "s2", "s3"].map((name) => ({ name, events: finalRead })),
    readModels: [{ name: "model", applied: new Map(finalRead.map((e) => [e.eventId, 1])) }],
    processManager: processManagerShape
  }
}

const history = fc.array(generatedTransaction, { minLength: 1, maxLength: 25 })

/** A history with at least `min` stored events, with indexes drawn to mutate it. */
const withStored = (min: number) => history.map(soundEvidence).filter((evidence) => evidence.finalRead.length >= min)

const replaceSubscriber = (evidence: Evidence, index: number, events: ReadonlyArray<ObservedEvent>): Evidence => ({
  ...evidence,
  subscribers: evidence.subscribers.map((log, i) => (i === index ? { ...log, events } : log))
})

/** Appends `event` to the final read and to everything that follows it, as if it had been stored. */
const storeEverywhere = (
  evidence: Evidence,
  event: Omit<ObservedEvent, "position" | "streamVersion">
): { evidence: Evidence; event: ObservedEvent } => {
  const n = evidence.finalRead.length + 1
  const streamVersion = evidence.finalRead.filter((e) => e.streamName === event.streamName).length + 1
  const stored: ObservedEvent = { ...event, streamVersion, position: GlobalPosition.make(n, 10 * n) }
  const finalRead = [...evidence.finalRead, stored]
  return {
    event: stored,
    evidence: {
      ...evidence,
      finalRead,
      subscribers: evidence.subscribers.map((log) => ({ ...log, events: [...log.events, stored] })),
      readModels: evidence.readModels.map((model) => ({ ...model, applied: new Map(model.applied).set(stored.eventId, 1) }))
    }
  }
}

describe("the chaos run's checker", () => {
  it("finds nothing wrong in a sound run", () => {
    fc.assert(
      fc.property(history, (generated) => {
        expect(check(soundEvidence(generated))).toEqual([])
      })
    )
  })

  it("catches an event a subscriber lost", () => {
    fc.assert(
      fc.property(withStored(1), fc.nat({ max: 2 }), fc.nat(), (evidence, s, k) => {
        const events = evidence.subscribers[s]!.events
        const lost = events[k % events.length]!
        const violations = check(
          replaceSubscriber(
            evidence,
            s,
            events.filter((e) => e !== lost)
          )
        )
        expect(violations).toEqual([
          Violation.Lost({
            subscriber: evidence.subscribers[s]!.name,
            eventId: lost.eventId,
            position: GlobalPosition.format(lost.position)
          })
        ])
      })
    )
  })

  it("catches an event a subscriber saw twice", () => {
    fc.assert(
      fc.property(withStored(1), fc.nat({ max: 2 }), fc.nat(), fc.nat(), (evidence, s, k, j) => {
        const events = evidence.subscribers[s]!.events
        const index = k % events.length
        // The copy comes after the first sighting, anywhere.
        const at = index + 1 + (j % (events.length - index))
        const duplicated = [...events.slice(0, at), events[index]!, ...events.slice(at)]
        expect(check(replaceSubscriber(evidence, s, duplicated))).toEqual([
          Violation.Duplicated({ subscriber: evidence.subscribers[s]!.name, eventId: events[index]!.eventId, times: 2 })
        ])
      })
    )
  })

  it("catches events a subscriber saw out of order", () => {
    fc.assert(
      fc.property(withStored(2), fc.nat({ max: 2 }), fc.nat(), fc.nat(), (evidence, s, a, b) => {
        const events = evidence.subscribers[s]!.events
        const i = a % (events.length - 1)
        const j = i + 1 + (b % (events.length - i - 1))
        const swapped = events.map((e, n) => (n === i ? events[j]! : n === j ? events[i]! : e))
        expect(check(replaceSubscriber(evidence, s, swapped))).toEqual([
          Violation.Reordered({
            subscriber: evidence.subscribers[s]!.name,
            index: i,
            expected: events[i]!.eventId,
            actual: events[j]!.eventId
          })
        ])
      })
    )
  })

  it("catches a subscriber that saw an event of a rolled-back transaction", () => {
    fc.assert(
      fc.property(history, fc.nat({ max: 2 }), fc.nat(), (generated, s, k) => {
        const evidence = soundEvidence([...generated, { outcome: "rolled_back", size: 1, stream: 0, orders: false, stored: false }])
        const rolledBack = evidence.transactions.at(-1)!
        const events = evidence.subscribers[s]!.events
        const ghost: ObservedEvent = {
          eventId: rolledBack.eventIds[0]!,
          streamName: "shared-0",
          streamVersion: 99,
          type: "Noted",
          position: GlobalPosition.make(0, 5),
          causationId: undefined
        }
        const at = k % (events.length + 1)
        const seen = [...events.slice(0, at), ghost, ...events.slice(at)]
        expect(check(replaceSubscriber(evidence, s, seen))).toEqual([
          Violation.Unexpected({ subscriber: evidence.subscribers[s]!.name, eventId: ghost.eventId, streamName: "shared-0" })
        ])
      })
    )
  })

  it("catches a rolled-back or abandoned transaction's event in the store, even where every reader agrees", () => {
    fc.assert(
      fc.property(history, fc.constantFrom<Outcome>("rolled_back", "abandoned"), (generated, outcome) => {
        const sound = soundEvidence([...generated, { outcome, size: 1, stream: 1, orders: false, stored: false }])
        const transaction = sound.transactions.at(-1)!
        const { evidence } = storeEverywhere(sound, {
          eventId: transaction.eventIds[0]!,
          streamName: "shared-1",
          type: "Noted",
          causationId: undefined
        })
        expect(check(evidence)).toEqual([
          Violation.RolledBackStored({ transaction: transaction.id, eventId: transaction.eventIds[0]!, outcome })
        ])
      })
    )
  })

  it("catches a committed event that is not stored", () => {
    fc.assert(
      fc.property(withStored(1), fc.nat(), (sound, k) => {
        const writerEvents = sound.finalRead.filter((e) => !processManagerShape.isCommandEvent(e) && !processManagerShape.isTrigger(e))
        fc.pre(writerEvents.length > 0)
        const missing = writerEvents[k % writerEvents.length]!
        const transaction = sound.transactions.find((t) => t.eventIds.includes(missing.eventId))!
        fc.pre(transaction.outcome === "committed")
        const without = (events: ReadonlyArray<ObservedEvent>) => events.filter((e) => e.eventId !== missing.eventId)
        const applied = new Map(sound.readModels[0]!.applied)
        applied.delete(missing.eventId)
        const violations = check({
          ...sound,
          finalRead: without(sound.finalRead),
          subscribers: sound.subscribers.map((log) => ({ ...log, events: without(log.events) })),
          readModels: [{ name: "model", applied }]
        })
        expect(violations).toContainEqual(Violation.CommittedMissing({ transaction: transaction.id, eventId: missing.eventId }))
        // Unless it was its stream's last event, its stream's versions now have a gap as well.
        expect(violations.filter((v) => v._tag !== "CommittedMissing" && v._tag !== "StreamVersions")).toEqual([])
      })
    )
  })

  it("catches a transaction of unknown outcome that is stored in part", () => {
    fc.assert(
      fc.property(history, (generated) => {
        const sound = soundEvidence([...generated, { outcome: "uncertain", size: 2, stream: 2, orders: false, stored: true }])
        const transaction = sound.transactions.at(-1)!
        const half = (events: ReadonlyArray<ObservedEvent>) => events.filter((e) => e.eventId !== transaction.eventIds[1])
        const applied = new Map(sound.readModels[0]!.applied)
        applied.delete(transaction.eventIds[1]!)
        expect(
          check({
            ...sound,
            finalRead: half(sound.finalRead),
            subscribers: sound.subscribers.map((log) => ({ ...log, events: half(log.events) })),
            readModels: [{ name: "model", applied }]
          })
        ).toEqual([Violation.PartlyStored({ transaction: transaction.id, stored: 1, of: 2 })])
      })
    )
  })

  it("catches a read model that applied an event twice, or not at all", () => {
    fc.assert(
      fc.property(withStored(1), fc.nat(), fc.constantFrom(0, 2, 3), (sound, k, times) => {
        const event = sound.finalRead[k % sound.finalRead.length]!
        const applied = new Map(sound.readModels[0]!.applied).set(event.eventId, times)
        expect(check({ ...sound, readModels: [{ name: "model", applied }] })).toEqual([
          Violation.ReadModelMiscount({ readModel: "model", eventId: event.eventId, applied: times })
        ])
      })
    )
  })

  it("catches a process manager whose command was applied twice for one trigger", () => {
    fc.assert(
      fc.property(history, fc.nat(), (generated, k) => {
        const sound = soundEvidence([...generated, { outcome: "committed", size: 1, stream: 0, orders: true, stored: false }])
        const triggers = sound.finalRead.filter(processManagerShape.isTrigger)
        const trigger = triggers[k % triggers.length]!
        const { evidence } = storeEverywhere(sound, {
          eventId: `pm-again-${trigger.eventId}`,
          streamName: tallyStream,
          type: "Counted",
          causationId: trigger.eventId
        })
        expect(check(evidence)).toEqual([
          Violation.CommandMiscount({ processManager: processManagerShape.name, trigger: trigger.eventId, commands: 2 })
        ])
      })
    )
  })

  it("catches a final read whose positions go back", () => {
    fc.assert(
      fc.property(withStored(2), fc.nat(), (sound, k) => {
        const i = 1 + (k % (sound.finalRead.length - 1))
        const moved = sound.finalRead.map((e, n) => (n === i ? { ...e, position: sound.finalRead[i - 1]!.position } : e))
        const violations = check({ ...sound, finalRead: moved })
        expect(violations).toContainEqual(
          Violation.ReadOutOfOrder({
            index: i,
            eventId: moved[i]!.eventId,
            position: GlobalPosition.format(moved[i]!.position),
            previous: GlobalPosition.format(moved[i - 1]!.position)
          })
        )
      })
    )
  })

  it("describes every kind of violation in one line that names the event or transaction", () => {
    const examples: ReadonlyArray<readonly [Violation, string]> = [
      [Violation.Lost({ subscriber: "s1", eventId: "e-1", position: "3.4" }), "e-1"],
      [Violation.Duplicated({ subscriber: "s1", eventId: "e-2", times: 2 }), "e-2"],
      [Violation.Unexpected({ subscriber: "s1", eventId: "e-3", streamName: "shared-1" }), "e-3"],
      [Violation.Reordered({ subscriber: "s1", index: 4, expected: "e-4", actual: "e-5" }), "e-4"],
      [Violation.Moved({ subscriber: "s1", eventId: "e-6", seenAt: "1.1", storedAt: "1.2" }), "e-6"],
      [Violation.CommittedMissing({ transaction: "w1#2", eventId: "e-7" }), "e-7"],
      [Violation.RolledBackStored({ transaction: "w1#3", eventId: "e-8", outcome: "rolled_back" }), "rolled back"],
      [Violation.PartlyStored({ transaction: "w1#4", stored: 1, of: 2 }), "w1#4"],
      [Violation.UnknownEvent({ eventId: "e-9", streamName: "shared-1" }), "e-9"],
      [Violation.ReadDuplicate({ eventId: "e-10", times: 2 }), "e-10"],
      [Violation.ReadOutOfOrder({ index: 1, eventId: "e-11", position: "1.1", previous: "2.2" }), "e-11"],
      [Violation.StreamVersions({ streamName: "hot-1", detail: "version 3 is 4" }), "hot-1"],
      [Violation.ReadModelMiscount({ readModel: "m", eventId: "e-12", applied: 2 }), "e-12"],
      [Violation.ReadModelExtra({ readModel: "m", eventId: "e-13", applied: 1 }), "e-13"],
      [Violation.CommandMiscount({ processManager: "pm", trigger: "e-14", commands: 0 }), "e-14"],
      [Violation.CommandWithoutTrigger({ processManager: "pm", eventId: "e-15", causationId: "e-16" }), "e-16"]
    ]
    for (const [violation, named] of examples) {
      const line = describeViolation(violation)
      expect(line).toContain(named)
      expect(line).not.toMatch(/undefined|\n/)
    }
  })

  it("catches a subscriber that saw an event at another position than the store's", () => {
    fc.assert(
      fc.property(withStored(1), fc.nat({ max: 2 }), fc.nat(), (evidence, s, k) => {
        const events = evidence.subscribers[s]!.events
        const index = k % events.length
        const event = events[index]!
        const elsewhere = { ...event, position: GlobalPosition.make(event.position.transaction, event.position.sequence + 1) }
        expect(
          check(
            replaceSubscriber(
              evidence,
              s,
              events.map((e, n) => (n === index ? elsewhere : e))
            )
          )
        ).toEqual([
          Violation.Moved({
            subscriber: evidence.subscribers[s]!.name,
            eventId: event.eventId,
            seenAt: GlobalPosition.format(elsewhere.position),
            storedAt: GlobalPosition.format(event.position)
          })
        ])
      })
    )
  })
})
