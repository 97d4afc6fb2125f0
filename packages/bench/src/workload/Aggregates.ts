/**
 * The aggregates of the four programs the workload drives, each with its decider and codec, and
 * what the workload emits: every event with its stream, its version there, its codec, its
 * program, when it happened and who issued the command.
 */
import type { Effect } from "effect"
import type { Decider, Event, EventCodec, InvalidEvent } from "@jatim/eventstore"
import type { Actor } from "@jatim/kernel"
import { Pesantren, type PesantrenEvent, Product, type ProductEvent, Santripreneur, type SantripreneurEvent } from "@jatim/opop"
import { Course, type CourseEvent, Enrollment, type EnrollmentEvent, Learner, type LearnerEvent } from "@jatim/sijawara"
import { Umkm, type UmkmEvent } from "@jatim/jatim-iso"
import { Koperasi, type KoperasiEvent, Listing, type ListingEvent, Order, type OrderEvent } from "@jatim/tomiko"

/** The four programs. */
export const programs = ["OPOP", "Sijawara", "JATIM ISO", "TOMIKO"] as const

/** One of the four programs. */
export type Program = (typeof programs)[number]

/** Each aggregate the workload drives: its program and the type of its events. */
interface Kinds {
  readonly pesantren: { readonly program: "OPOP"; readonly event: PesantrenEvent.PesantrenEvent }
  readonly product: { readonly program: "OPOP"; readonly event: ProductEvent.ProductEvent }
  readonly santripreneur: { readonly program: "OPOP"; readonly event: SantripreneurEvent.SantripreneurEvent }
  readonly course: { readonly program: "Sijawara"; readonly event: CourseEvent.CourseEvent }
  readonly learner: { readonly program: "Sijawara"; readonly event: LearnerEvent.LearnerEvent }
  readonly enrollment: { readonly program: "Sijawara"; readonly event: EnrollmentEvent.EnrollmentEvent }
  readonly umkm: { readonly program: "JATIM ISO"; readonly event: UmkmEvent.UmkmEvent }
  readonly koperasi: { readonly program: "TOMIKO"; readonly event: KoperasiEvent.KoperasiEvent }
  readonly listing: { readonly program: "TOMIKO"; readonly event: ListingEvent.ListingEvent }
  readonly order: { readonly program: "TOMIKO"; readonly event: OrderEvent.OrderEvent }
}

/** The name of an aggregate the workload drives, which is its streams' category. */
export type AggregateName = keyof Kinds

/** The events of aggregate `A`. */
export type EventOf<A extends AggregateName> = Kinds[A]["event"]

/** An event of aggregate `A` with what the workload knows of it. */
interface Emitted<A extends AggregateName> {
  /** The aggregate whose stream the event is in. */
  readonly aggregate: A
  readonly program: Kinds[A]["program"]
  readonly streamName: string
  /** Its version in its stream: 1 for the first event. */
  readonly version: number
  readonly event: EventOf<A>
  /** The codec that encodes it for the store. */
  readonly codec: EventCodec.EventCodec<EventOf<A>>
  /** When it happened, on the workload's calendar. */
  readonly occurredAt: Date
  /** Who issued the command that produced it. */
  readonly actor: Event.ActorRef
}

/**
 * An event of the workload, as the domain's decider produced it: one of every aggregate's
 * (`WorkloadEvent<"order">` is an order's). A function generic in `A` that takes a
 * `WorkloadEvent<A>` may use its codec on its event, for every aggregate at once.
 */
export type WorkloadEvent<A extends AggregateName = AggregateName> = { readonly [K in A]: Emitted<K> }[A]

/** Where an event lands, with what the workload knows of it. */
export interface Placement<E> {
  readonly streamName: string
  readonly version: number
  readonly event: E
  readonly occurredAt: Date
  readonly actor: Event.ActorRef
}

/** A command: it names its actor. */
export interface Command {
  readonly _tag: string
  readonly actor: Actor.Actor
}

/** An aggregate the workload decides commands on. */
export interface Aggregate<C extends Command, E extends { readonly _tag: string }, S, Err> {
  readonly name: AggregateName
  readonly decider: Decider.Decider<C, E, S, Err>
  readonly codec: EventCodec.EventCodec<E>
  /** Whether other commands read facts from its streams (their recorded events are kept while in play). */
  readonly readFrom: boolean
  /** The workload event of one of its events. */
  readonly emit: (placement: Placement<E>) => WorkloadEvent
}

/** Declares aggregate `name` of `program` from its module's decider and codec. */
const define = <A extends AggregateName, C extends Command, S, Err>(
  name: A,
  program: Kinds[A]["program"],
  { codec, decider }: { readonly decider: Decider.Decider<C, EventOf<A>, S, Err>; readonly codec: EventCodec.EventCodec<EventOf<A>> },
  { readFrom }: Pick<Aggregate<C, EventOf<A>, S, Err>, "readFrom">
) => ({
  name,
  decider,
  codec,
  readFrom,
  emit: (placement: Placement<EventOf<A>>): WorkloadEvent<A> => ({ aggregate: name, program, codec, ...placement })
})

/** OPOP's pesantren (`pesantren-<nspp>`). */
export const pesantren = define("pesantren", "OPOP", Pesantren, { readFrom: true })
/** OPOP's products (`product-<productId>`). */
export const product = define("product", "OPOP", Product, { readFrom: true })
/** OPOP's santripreneurs (`santripreneur-<santriId>`). */
export const santripreneur = define("santripreneur", "OPOP", Santripreneur, { readFrom: false })
/** Sijawara's courses (`course-<courseId>`). */
export const course = define("course", "Sijawara", Course, { readFrom: true })
/** Sijawara's learners (`learner-<learnerId>`). */
export const learner = define("learner", "Sijawara", Learner, { readFrom: true })
/** Sijawara's enrollments (`enrollment-<learnerId>_<courseId>`). */
export const enrollment = define("enrollment", "Sijawara", Enrollment, { readFrom: false })
/** JATIM ISO's UMKM (`umkm-<nib>`). */
export const umkm = define("umkm", "JATIM ISO", Umkm, { readFrom: false })
/** TOMIKO's cooperatives (`koperasi-<nik>`). */
export const koperasi = define("koperasi", "TOMIKO", Koperasi, { readFrom: true })
/** TOMIKO's listings (`listing-<listingId>`). */
export const listing = define("listing", "TOMIKO", Listing, { readFrom: false })
/** TOMIKO's orders (`order-<orderId>`). */
export const order = define("order", "TOMIKO", Order, { readFrom: true })

/**
 * A workload event as a new event for `appendToStream` (its id given by the caller), with its
 * actor and its instant in the metadata.
 */
export const toNewEvent = <A extends AggregateName>(item: WorkloadEvent<A>, eventId: string): Effect.Effect<Event.NewEvent, InvalidEvent> =>
  item.codec.encode({ event: item.event, eventId, metadata: { actor: item.actor, occurredAt: item.occurredAt } })
