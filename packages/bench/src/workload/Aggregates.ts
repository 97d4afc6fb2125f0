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

/** What every emitted event carries besides the event itself. */
interface Emitted<A extends string, P extends Program, E extends { readonly _tag: string }> {
  /** The aggregate whose stream the event is in. */
  readonly aggregate: A
  readonly program: P
  readonly streamName: string
  /** Its version in its stream: 1 for the first event. */
  readonly version: number
  readonly event: E
  /** The codec that encodes it for the store. */
  readonly codec: EventCodec.EventCodec<E>
  /** When it happened, on the workload's calendar. */
  readonly occurredAt: Date
  /** Who issued the command that produced it. */
  readonly actor: Event.ActorRef
}

/** An event of the workload, as the domain's decider produced it. */
export type WorkloadEvent =
  | Emitted<"pesantren", "OPOP", PesantrenEvent.PesantrenEvent>
  | Emitted<"product", "OPOP", ProductEvent.ProductEvent>
  | Emitted<"santripreneur", "OPOP", SantripreneurEvent.SantripreneurEvent>
  | Emitted<"course", "Sijawara", CourseEvent.CourseEvent>
  | Emitted<"learner", "Sijawara", LearnerEvent.LearnerEvent>
  | Emitted<"enrollment", "Sijawara", EnrollmentEvent.EnrollmentEvent>
  | Emitted<"umkm", "JATIM ISO", UmkmEvent.UmkmEvent>
  | Emitted<"koperasi", "TOMIKO", KoperasiEvent.KoperasiEvent>
  | Emitted<"listing", "TOMIKO", ListingEvent.ListingEvent>
  | Emitted<"order", "TOMIKO", OrderEvent.OrderEvent>

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
  readonly name: WorkloadEvent["aggregate"]
  readonly decider: Decider.Decider<C, E, S, Err>
  readonly codec: EventCodec.EventCodec<E>
  /** Whether other commands read facts from its streams (their recorded events are kept while in play). */
  readonly readFrom: boolean
  /** The workload event of one of its events. */
  readonly emit: (placement: Placement<E>) => WorkloadEvent
}

/** Declares an aggregate, its types inferred from its decider. */
const define = <C extends Command, E extends { readonly _tag: string }, S, Err>(aggregate: Aggregate<C, E, S, Err>) => aggregate

/** OPOP's pesantren (`pesantren-<nspp>`). */
export const pesantren = define({
  name: "pesantren",
  decider: Pesantren.decider,
  codec: Pesantren.codec,
  readFrom: true,
  emit: (placement) => ({ aggregate: "pesantren", program: "OPOP", codec: Pesantren.codec, ...placement })
})

/** OPOP's products (`product-<productId>`). */
export const product = define({
  name: "product",
  decider: Product.decider,
  codec: Product.codec,
  readFrom: true,
  emit: (placement) => ({ aggregate: "product", program: "OPOP", codec: Product.codec, ...placement })
})

/** OPOP's santripreneurs (`santripreneur-<santriId>`). */
export const santripreneur = define({
  name: "santripreneur",
  decider: Santripreneur.decider,
  codec: Santripreneur.codec,
  readFrom: false,
  emit: (placement) => ({ aggregate: "santripreneur", program: "OPOP", codec: Santripreneur.codec, ...placement })
})

/** Sijawara's courses (`course-<courseId>`). */
export const course = define({
  name: "course",
  decider: Course.decider,
  codec: Course.codec,
  readFrom: true,
  emit: (placement) => ({ aggregate: "course", program: "Sijawara", codec: Course.codec, ...placement })
})

/** Sijawara's learners (`learner-<learnerId>`). */
export const learner = define({
  name: "learner",
  decider: Learner.decider,
  codec: Learner.codec,
  readFrom: true,
  emit: (placement) => ({ aggregate: "learner", program: "Sijawara", codec: Learner.codec, ...placement })
})

/** Sijawara's enrollments (`enrollment-<learnerId>_<courseId>`). */
export const enrollment = define({
  name: "enrollment",
  decider: Enrollment.decider,
  codec: Enrollment.codec,
  readFrom: false,
  emit: (placement) => ({ aggregate: "enrollment", program: "Sijawara", codec: Enrollment.codec, ...placement })
})

/** JATIM ISO's UMKM (`umkm-<nib>`). */
export const umkm = define({
  name: "umkm",
  decider: Umkm.decider,
  codec: Umkm.codec,
  readFrom: false,
  emit: (placement) => ({ aggregate: "umkm", program: "JATIM ISO", codec: Umkm.codec, ...placement })
})

/** TOMIKO's cooperatives (`koperasi-<nik>`). */
export const koperasi = define({
  name: "koperasi",
  decider: Koperasi.decider,
  codec: Koperasi.codec,
  readFrom: true,
  emit: (placement) => ({ aggregate: "koperasi", program: "TOMIKO", codec: Koperasi.codec, ...placement })
})

/** TOMIKO's listings (`listing-<listingId>`). */
export const listing = define({
  name: "listing",
  decider: Listing.decider,
  codec: Listing.codec,
  readFrom: false,
  emit: (placement) => ({ aggregate: "listing", program: "TOMIKO", codec: Listing.codec, ...placement })
})

/** TOMIKO's orders (`order-<orderId>`). */
export const order = define({
  name: "order",
  decider: Order.decider,
  codec: Order.codec,
  readFrom: true,
  emit: (placement) => ({ aggregate: "order", program: "TOMIKO", codec: Order.codec, ...placement })
})

/** Encodes one of the events with its codec, as a new event for `appendToStream`. */
const encodeWith = <E extends { readonly _tag: string }>(
  codec: EventCodec.EventCodec<E>,
  event: E,
  eventId: string,
  metadata: Event.EventMetadataInput
): Effect.Effect<Event.NewEvent, InvalidEvent> => codec.encode({ event, eventId, metadata })

/**
 * A workload event as a new event for `appendToStream` (its id given by the caller), with its
 * actor and its instant in the metadata.
 */
export const toNewEvent = (item: WorkloadEvent, eventId: string): Effect.Effect<Event.NewEvent, InvalidEvent> => {
  const metadata = { actor: item.actor, occurredAt: item.occurredAt }
  switch (item.aggregate) {
    case "pesantren":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "product":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "santripreneur":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "course":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "learner":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "enrollment":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "umkm":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "koperasi":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "listing":
      return encodeWith(item.codec, item.event, eventId, metadata)
    case "order":
      return encodeWith(item.codec, item.event, eventId, metadata)
  }
}
