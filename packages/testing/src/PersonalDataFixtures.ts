/**
 * What the domains' tests of personal data share: a classification in a form to compare, the
 * text of a state to search for names, and a new event as the store records it.
 *
 * @since 0.1.0
 */
import { type Event, PersonalData } from "@jatim/eventstore"

/** A classification as `{ type: [[path, subject kind, id field, placeholder], …] }`, to compare with `toEqual`. */
export const summary = (classification: PersonalData.Classification) =>
  Object.fromEntries(
    [...classification].map(([type, fields]) => [
      type,
      fields.map((f) => [PersonalData.formatPath(f.path), f.subject, f.idField, f.placeholder])
    ])
  )

/** The JSON text of a state, its sets and maps spelled out: what a search for a name reads. */
export const textOf = (state: unknown): string =>
  JSON.stringify(state, (_, value) => (value instanceof Set || value instanceof Map ? [...value] : value))

/** `event` as recorded on `streamName` (version, position and time left out): for folds that read only data. */
export const recorded = (streamName: string, event: Event.NewEvent): Event.RecordedEvent =>
  ({
    streamName,
    streamVersion: 1,
    globalPosition: { transaction: 0, sequence: 0 },
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { occurredAt: new Date(0), schemaVersion: 1 }
  }) as Event.RecordedEvent
