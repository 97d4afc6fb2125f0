/**
 * The invariants of a chaos run, checked over what it recorded: what each writer's transaction
 * came to, the events every live subscriber saw, a read of all events taken after the run, the
 * read models' apply counts and the process manager's commands. Pure: the run gathers the
 * evidence, this module only compares.
 *
 * @since 0.1.0
 */
import { Data } from "effect"
import { GlobalPosition } from "@jatim/eventstore"

/** An event as the final read returned it, or as a subscriber saw it. */
export interface ObservedEvent {
  readonly eventId: string
  readonly streamName: string
  readonly streamVersion: number
  readonly type: string
  readonly position: GlobalPosition.GlobalPosition
  readonly causationId: string | undefined
}

/**
 * What a writer's transaction came to:
 * - `committed`: its commit succeeded (on some attempt): all its events must be stored;
 * - `rolled_back`: it was rolled back on purpose after appending: none may be stored;
 * - `abandoned`: every attempt failed before its commit was sent: none may be stored;
 * - `uncertain`: an attempt failed while committing (its connection was killed) and no later
 *   attempt settled it: all or none of its events may be stored, never some.
 */
export type Outcome = "committed" | "rolled_back" | "abandoned" | "uncertain"

/** One writer's transaction (with its retries): the events it appended, and its outcome. */
export interface WriterTransaction {
  readonly id: string
  readonly eventIds: ReadonlyArray<string>
  readonly outcome: Outcome
}

/** What one live subscriber saw, in the order it saw it. */
export interface SubscriberLog {
  readonly name: string
  readonly events: ReadonlyArray<ObservedEvent>
}

/** How many times a read model applied each event id (since its last reset). */
export interface ReadModelCounts {
  readonly name: string
  readonly applied: ReadonlyMap<string, number>
}

/** Which events start the process manager, and which its commands produce (once per trigger). */
export interface ProcessManagerShape {
  readonly name: string
  readonly isTrigger: (event: ObservedEvent) => boolean
  /** An event of the process manager's commands; its `causationId` is its trigger's id. */
  readonly isCommandEvent: (event: ObservedEvent) => boolean
}

/** Everything a run recorded. */
export interface Evidence {
  readonly transactions: ReadonlyArray<WriterTransaction>
  /** A read of all events after the run (writers stopped, projections caught up). */
  readonly finalRead: ReadonlyArray<ObservedEvent>
  readonly subscribers: ReadonlyArray<SubscriberLog>
  readonly readModels: ReadonlyArray<ReadModelCounts>
  readonly processManager: ProcessManagerShape
}

/** A broken invariant. */
export type Violation = Data.TaggedEnum<{
  /** A subscriber never saw an event that the final read holds. */
  Lost: { readonly subscriber: string; readonly eventId: string; readonly position: string }
  /** A subscriber saw an event more than once. */
  Duplicated: { readonly subscriber: string; readonly eventId: string; readonly times: number }
  /** A subscriber saw an event that the final read does not hold (e.g. a rolled-back one). */
  Unexpected: { readonly subscriber: string; readonly eventId: string; readonly streamName: string }
  /** A subscriber's order differs from the final read's, first at `index` of what it saw. */
  Reordered: { readonly subscriber: string; readonly index: number; readonly expected: string; readonly actual: string }
  /** A subscriber saw an event at another position than the final read's. */
  Moved: { readonly subscriber: string; readonly eventId: string; readonly seenAt: string; readonly storedAt: string }
  /** An event whose transaction committed is not stored. */
  CommittedMissing: { readonly transaction: string; readonly eventId: string }
  /** An event of a transaction that was rolled back, or never committed, is stored. */
  RolledBackStored: { readonly transaction: string; readonly eventId: string; readonly outcome: Outcome }
  /** Some but not all events of one transaction are stored. */
  PartlyStored: { readonly transaction: string; readonly stored: number; readonly of: number }
  /** The final read holds an event that no writer and no process manager appended. */
  UnknownEvent: { readonly eventId: string; readonly streamName: string }
  /** The final read holds an event id twice. */
  ReadDuplicate: { readonly eventId: string; readonly times: number }
  /** The final read's positions do not increase at `index`. */
  ReadOutOfOrder: { readonly index: number; readonly eventId: string; readonly position: string; readonly previous: string }
  /** A stream's versions in the final read are not 1, 2, …, n, each once. */
  StreamVersions: { readonly streamName: string; readonly detail: string }
  /** A read model applied an event of the final read other than once. */
  ReadModelMiscount: { readonly readModel: string; readonly eventId: string; readonly applied: number }
  /** A read model applied an event that the final read does not hold. */
  ReadModelExtra: { readonly readModel: string; readonly eventId: string; readonly applied: number }
  /** A trigger of the process manager led to other than one command's event. */
  CommandMiscount: { readonly processManager: string; readonly trigger: string; readonly commands: number }
  /** An event of the process manager's commands whose cause is no stored trigger. */
  CommandWithoutTrigger: { readonly processManager: string; readonly eventId: string; readonly causationId: string }
}>

/** Constructors and matchers of `Violation`. */
export const Violation = Data.taggedEnum<Violation>()

const at = GlobalPosition.format

/** One line that says what was violated, and where. */
export const describe: (violation: Violation) => string = Violation.$match({
  Lost: (v) => `subscriber ${v.subscriber} never saw event ${v.eventId} (stored at ${v.position})`,
  Duplicated: (v) => `subscriber ${v.subscriber} saw event ${v.eventId} ${v.times} times`,
  Unexpected: (v) => `subscriber ${v.subscriber} saw event ${v.eventId} of "${v.streamName}", which the final read does not hold`,
  Reordered: (v) =>
    `subscriber ${v.subscriber} saw events out of the final read's order: at index ${v.index} it saw ${v.actual} where ${v.expected} comes first`,
  Moved: (v) => `subscriber ${v.subscriber} saw event ${v.eventId} at ${v.seenAt}, the final read at ${v.storedAt}`,
  CommittedMissing: (v) => `event ${v.eventId} of committed transaction ${v.transaction} is not stored`,
  RolledBackStored: (v) => `event ${v.eventId} of transaction ${v.transaction} (${v.outcome.replace("_", " ")}) is stored`,
  PartlyStored: (v) => `transaction ${v.transaction} is stored in part: ${v.stored} of its ${v.of} events`,
  UnknownEvent: (v) => `the final read holds event ${v.eventId} of "${v.streamName}", which no writer or process manager appended`,
  ReadDuplicate: (v) => `the final read holds event ${v.eventId} ${v.times} times`,
  ReadOutOfOrder: (v) => `the final read's position goes back at index ${v.index}: event ${v.eventId} at ${v.position} after ${v.previous}`,
  StreamVersions: (v) => `stream "${v.streamName}": ${v.detail}`,
  ReadModelMiscount: (v) => `read model ${v.readModel} applied event ${v.eventId} ${v.applied} times`,
  ReadModelExtra: (v) => `read model ${v.readModel} applied event ${v.eventId} (${v.applied} times), which the final read does not hold`,
  CommandMiscount: (v) => `process manager ${v.processManager}: trigger ${v.trigger} led to ${v.commands} command events, not one`,
  CommandWithoutTrigger: (v) =>
    `process manager ${v.processManager}: event ${v.eventId} was caused by ${v.causationId}, which is no stored trigger`
})

/** The final read, in its order and by event id. */
interface FinalRead {
  readonly events: ReadonlyArray<ObservedEvent>
  readonly byId: ReadonlyMap<string, ObservedEvent>
}

const countBy = <A>(items: ReadonlyArray<A>, key: (item: A) => string): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

/** The final read against itself: unique ids, increasing positions, gap-free stream versions. */
const checkFinalRead = (finalRead: ReadonlyArray<ObservedEvent>): Array<Violation> => {
  const violations: Array<Violation> = []
  for (const [eventId, times] of countBy(finalRead, (e) => e.eventId)) {
    if (times > 1) violations.push(Violation.ReadDuplicate({ eventId, times }))
  }
  for (let i = 1; i < finalRead.length; i++) {
    const previous = finalRead[i - 1]!
    const event = finalRead[i]!
    if (!GlobalPosition.isAfter(event.position, previous.position)) {
      violations.push(
        Violation.ReadOutOfOrder({ index: i, eventId: event.eventId, position: at(event.position), previous: at(previous.position) })
      )
    }
  }
  // Versions, not their order: a transaction with a lower id can append to a stream after one
  // with a higher id has committed there, so a stream's versions need not rise in global order.
  const versions = new Map<string, Array<number>>()
  for (const event of finalRead) {
    const list = versions.get(event.streamName) ?? []
    list.push(event.streamVersion)
    versions.set(event.streamName, list)
  }
  for (const [streamName, list] of versions) {
    const sorted = [...list].sort((a, b) => a - b)
    const wrong = sorted.findIndex((version, i) => version !== i + 1)
    if (wrong >= 0) {
      violations.push(
        Violation.StreamVersions({
          streamName,
          detail: `${list.length} events, but version ${wrong + 1} is ${sorted[wrong]} (expected 1 to ${list.length}, each once)`
        })
      )
    }
  }
  return violations
}

/** Writers' transactions against the final read, and the events no one accounts for. */
const checkTransactions = (evidence: Evidence, { byId: stored }: FinalRead): Array<Violation> => {
  const violations: Array<Violation> = []
  const written = new Set<string>()
  for (const transaction of evidence.transactions) {
    const present = transaction.eventIds.filter((id) => stored.has(id))
    for (const id of transaction.eventIds) written.add(id)
    switch (transaction.outcome) {
      case "committed":
        for (const id of transaction.eventIds) {
          if (!stored.has(id)) violations.push(Violation.CommittedMissing({ transaction: transaction.id, eventId: id }))
        }
        break
      case "uncertain":
        if (present.length > 0 && present.length < transaction.eventIds.length) {
          violations.push(Violation.PartlyStored({ transaction: transaction.id, stored: present.length, of: transaction.eventIds.length }))
        }
        break
      case "rolled_back":
      case "abandoned":
        for (const id of present) {
          violations.push(Violation.RolledBackStored({ transaction: transaction.id, eventId: id, outcome: transaction.outcome }))
        }
    }
  }
  const pm = evidence.processManager
  for (const event of evidence.finalRead) {
    if (!written.has(event.eventId) && !pm.isCommandEvent(event)) {
      violations.push(Violation.UnknownEvent({ eventId: event.eventId, streamName: event.streamName }))
    }
  }
  return violations
}

/** The process manager: one command's event per stored trigger, none without one. */
const checkProcessManager = (evidence: Evidence): Array<Violation> => {
  const pm = evidence.processManager
  const commands = evidence.finalRead.filter(pm.isCommandEvent)
  const byCause = countBy(commands, (e) => e.causationId ?? "")
  const triggers = new Set<string>()
  const violations: Array<Violation> = []
  for (const event of evidence.finalRead) {
    if (!pm.isTrigger(event)) continue
    triggers.add(event.eventId)
    const count = byCause.get(event.eventId) ?? 0
    if (count !== 1) violations.push(Violation.CommandMiscount({ processManager: pm.name, trigger: event.eventId, commands: count }))
  }
  for (const event of commands) {
    if (event.causationId === undefined || !triggers.has(event.causationId)) {
      violations.push(
        Violation.CommandWithoutTrigger({ processManager: pm.name, eventId: event.eventId, causationId: event.causationId ?? "(none)" })
      )
    }
  }
  return violations
}

/** One subscriber against the final read: each event once, none other, in the same order, at the same position. */
const checkSubscriber = (log: SubscriberLog, { byId: stored, events: finalRead }: FinalRead): Array<Violation> => {
  const violations: Array<Violation> = []
  const times = countBy(log.events, (e) => e.eventId)
  const first: Array<ObservedEvent> = []
  const reported = new Set<string>()
  for (const event of log.events) {
    if (reported.has(event.eventId)) continue
    reported.add(event.eventId)
    const count = times.get(event.eventId)!
    if (count > 1) violations.push(Violation.Duplicated({ subscriber: log.name, eventId: event.eventId, times: count }))
    const storedEvent = stored.get(event.eventId)
    if (storedEvent === undefined) {
      violations.push(Violation.Unexpected({ subscriber: log.name, eventId: event.eventId, streamName: event.streamName }))
      continue
    }
    first.push(event)
    if (!GlobalPosition.equals(event.position, storedEvent.position)) {
      violations.push(
        Violation.Moved({ subscriber: log.name, eventId: event.eventId, seenAt: at(event.position), storedAt: at(storedEvent.position) })
      )
    }
  }
  for (const event of finalRead) {
    if (!times.has(event.eventId))
      violations.push(Violation.Lost({ subscriber: log.name, eventId: event.eventId, position: at(event.position) }))
  }
  // The order of what both hold: the subscriber's first sightings against the final read.
  const expected = finalRead.filter((e) => times.has(e.eventId))
  const index = first.findIndex((event, i) => event.eventId !== expected[i]?.eventId)
  if (index >= 0) {
    violations.push(Violation.Reordered({ subscriber: log.name, index, expected: expected[index]!.eventId, actual: first[index]!.eventId }))
  }
  return violations
}

/** One read model against the final read: every event applied once, nothing else applied. */
const checkReadModel = (model: ReadModelCounts, finalRead: FinalRead): Array<Violation> => {
  const violations: Array<Violation> = []
  for (const event of finalRead.events) {
    const applied = model.applied.get(event.eventId) ?? 0
    if (applied !== 1) violations.push(Violation.ReadModelMiscount({ readModel: model.name, eventId: event.eventId, applied }))
  }
  for (const [eventId, applied] of model.applied) {
    if (!finalRead.byId.has(eventId)) violations.push(Violation.ReadModelExtra({ readModel: model.name, eventId, applied }))
  }
  return violations
}

/** Every violation of the run's invariants; none when the run was sound. */
export const check = (evidence: Evidence): ReadonlyArray<Violation> => {
  const finalRead: FinalRead = { events: evidence.finalRead, byId: new Map(evidence.finalRead.map((event) => [event.eventId, event])) }
  return [
    ...checkFinalRead(evidence.finalRead),
    ...checkTransactions(evidence, finalRead),
    ...checkProcessManager(evidence),
    ...evidence.subscribers.flatMap((log) => checkSubscriber(log, finalRead)),
    ...evidence.readModels.flatMap((model) => checkReadModel(model, finalRead))
  ]
}
