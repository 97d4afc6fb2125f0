/**
 * The personal-data suite of a domain whose personal data is one field of one event type, keyed
 * by an id field of that event (Sijawara's learner name, JATIM ISO's UMKM owner name): its
 * classification names exactly that field; and, for events drawn from the domain's Schemas on a
 * pool of up to three ids, forgetting one id's subject leaves every event decodable, erases the
 * field of that subject's events only, and leaves no forgotten name in the domain's fold.
 *
 * @since 0.1.0
 */
import { Arbitrary, Effect, type Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type Event, type EventCodec, PersonalData } from "@jatim/eventstore"
import { forgetOne, runOrFail, summary, textOf } from "./PersonalDataFixtures.js"

/** What a domain's folds look like once one subject is forgotten: what `check` is given. */
export interface ErasureOutcome<Id extends string, S> {
  /** The id whose subject was forgotten. */
  readonly forgottenId: Id
  /** The personal values of the forgotten subject, as they were appended. */
  readonly forgottenNames: ReadonlyArray<string>
  /** The fold of the events as appended. */
  readonly before: S
  /** The fold of the events as read after forgetting. */
  readonly after: S
  /** The fold of the events as they should read after forgetting. */
  readonly expected: S
}

/**
 * The Schemas an erasure suite draws its events from: the event type that holds the personal field,
 * drawn on purpose so that most histories have names to forget, and any event of the streams.
 */
export interface ErasureEventSchemas<E extends { readonly _tag: string }, H extends E, HI = unknown, EI = unknown> {
  /** The event type that holds the personal field (`HI` its encoded side). */
  readonly holder: Schema.Schema<H, HI>
  /** Every event of the domain's streams (`EI` their encoded side). */
  readonly any: Schema.Schema<E, EI>
  /** How many events are drawn from `any` for one drawn from `holder`; 1 by default. */
  readonly anyPerHolder?: number | undefined
}

/** Events drawn from `schemas`: the holder event once for every `anyPerHolder` events of any type. */
const erasureEvents = <E extends { readonly _tag: string }, H extends E, HI, EI>(
  schemas: ErasureEventSchemas<E, H, HI, EI>
): fc.Arbitrary<E> =>
  fc.oneof(
    { weight: 1, arbitrary: Arbitrary.make(schemas.holder) },
    { weight: schemas.anyPerHolder ?? 1, arbitrary: Arbitrary.make(schemas.any) }
  )

/** The domain an erasure suite runs on. */
export interface ErasureSuiteOptions<
  E extends { readonly _tag: string },
  Id extends string,
  S,
  H extends E = E,
  HI = unknown,
  EI = unknown
> {
  /** The domain's classification of personal data. */
  readonly classification: PersonalData.Classification
  /** The codec of the events' streams. */
  readonly codec: EventCodec.EventCodec<E>
  /** The event type that holds the personal field. */
  readonly type: string
  /** The personal field, and the id field that names its subject. */
  readonly field: string
  readonly idField: string
  /** The subject kind: subjects are `<kind>:<id>`. */
  readonly kind: string
  /** Ids of the pool, and the stream of each. */
  readonly ids: fc.Arbitrary<Id>
  readonly streamName: (id: Id) => string
  /** The Schemas the events of the streams are drawn from (their ids and personal values are replaced). */
  readonly events: ErasureEventSchemas<E, H, HI, EI>
  /** The title of the property: what forgetting one subject does in this domain. */
  readonly property: string
  /** The domain's fold of decoded events (aggregates, read models). */
  readonly fold: (events: ReadonlyArray<Event.RecordedEvent<E>>) => S
  /** The domain's own assertions on its folds, after the suite's. */
  readonly check: (erasure: ErasureOutcome<Id, S>) => void
  /** Cases of the property; 200 by default. */
  readonly numRuns?: number | undefined
}

/** Runs the erasure suite of `domain`'s personal data. Call it inside a vitest file. */
export const runErasureSuite = <E extends { readonly _tag: string }, Id extends string, S, H extends E, HI, EI>(
  domain: string,
  options: ErasureSuiteOptions<E, Id, S, H, HI, EI>
): void => {
  const { classification, codec, field, idField, kind, type } = options
  const anyEvent = erasureEvents(options.events)
  const history = fc.record({
    ids: fc.uniqueArray(options.ids, { minLength: 1, maxLength: 3 }),
    events: fc.array(fc.tuple(anyEvent, fc.nat()), { minLength: 1, maxLength: 12 }),
    pick: fc.nat()
  })

  describe(`${domain}'s personal data`, () => {
    it(`the classification names exactly ${type}.${field} (${kind}:<${idField}>)`, () => {
      expect(summary(classification)).toEqual({ [type]: [[field, kind, idField, PersonalData.erasedText]] })
    })

    it(options.property, async () => {
      await fc.assert(
        fc.asyncProperty(history, ({ ids, events: drawn, pick }) =>
          runOrFail(
            Effect.gen(function* () {
              // Each event on an id of the pool (so that events meet on the same streams), each personal value unique.
              const events = yield* Effect.forEach(drawn, ([event, idAt], i) =>
                Effect.map(codec.encode({ event, eventId: `e-${i}` }), (encoded) => {
                  const id = ids[idAt % ids.length]!
                  const data = { ...encoded.data, [idField]: id, ...(encoded.type === type ? { [field]: `Zqx-${i}-${field}` } : {}) }
                  return { streamName: options.streamName(id), event: { ...encoded, data } satisfies Event.NewEvent }
                })
              )
              const forgottenId = ids[pick % ids.length]!
              const isForgotten = (event: Event.NewEvent) => event.type === type && event.data[idField] === forgottenId
              const forgottenNames = events.flatMap(({ event }) => (isForgotten(event) ? [event.data[field] as string] : []))
              const forgetting = yield* forgetOne({
                classification,
                decode: codec.decode,
                events,
                subject: PersonalData.subject(kind, forgottenId),
                erasedField: (event) => (isForgotten(event) ? field : undefined)
              })
              const after = options.fold(forgetting.after)
              for (const name of forgottenNames) expect(textOf(after)).not.toContain(name)
              const before = options.fold(forgetting.before)
              options.check({ forgottenId, forgottenNames, before, after, expected: options.fold(forgetting.expected) })
            })
          )
        ),
        { numRuns: options.numRuns ?? 200 }
      )
    })
  })
}
