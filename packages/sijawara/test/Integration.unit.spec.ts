import { describe, expect, it } from "vitest"
import { Effect, Either, Schema } from "effect"
import { Enrollment, EnrollmentEvent, Integration } from "../src/index.js"
import { courseId, learnerId, nib, numberDrawnWith } from "./fixtures.js"

const certificateNumber = numberDrawnWith(1)

const completed = new EnrollmentEvent.EnrollmentCompleted({
  learnerId,
  courseId,
  courseVersion: 2,
  topic: "PEMASARAN_DIGITAL",
  region: "35.07",
  linkedNib: nib,
  certificateNumber,
  at: new Date("2025-03-01T09:30:00Z")
})

const expected = new Integration.CourseCompleted({
  learnerId,
  courseId,
  courseVersion: 2,
  topic: "PEMASARAN_DIGITAL",
  linkedNib: nib,
  completedAt: new Date("2025-03-01T09:30:00Z"),
  certificateNumber
})

describe("Integration: CourseCompleted for other contexts", () => {
  it("maps the internal completion: learner, course, version, topic, linked NIB, time, certificate", () => {
    expect(Integration.fromEnrollmentCompleted(completed)).toEqual(expected)
    expect(
      Integration.fromEnrollmentCompleted(new EnrollmentEvent.EnrollmentCompleted({ ...completed, linkedNib: null })).linkedNib
    ).toBeNull()
  })

  it("maps stored data as the event store holds it, and refuses data that is not a completion", async () => {
    const stored = await Effect.runPromise(Enrollment.codec.encode({ event: completed, eventId: "e-1" }))
    expect(stored.type).toBe(Integration.sourceEventType)
    expect(await Effect.runPromise(Integration.fromRecordedData(JSON.parse(JSON.stringify(stored.data))))).toEqual(expected)
    const broken = await Effect.runPromise(
      Effect.either(Integration.fromRecordedData({ ...stored.data, certificateNumber: "SJW-0000-0000-0000-01" }))
    )
    expect(Either.isLeft(broken)).toBe(true)
  })

  it("its schema is plain JSON for consumers", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Integration.CourseCompleted)(expected)))
    expect(json).toEqual({
      _tag: "CourseCompleted",
      learnerId: "L-2025-000123",
      courseId: "kemasan-101",
      courseVersion: 2,
      topic: "PEMASARAN_DIGITAL",
      linkedNib: "9120001234567",
      completedAt: "2025-03-01T09:30:00.000Z",
      certificateNumber
    })
    expect(Schema.decodeUnknownSync(Integration.CourseCompleted)(json)).toEqual(expected)
  })
})
