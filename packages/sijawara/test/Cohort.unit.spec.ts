/**
 * A course offered as a cohort (issue 20): the Dinas schedules its start and end dates (WIB), the
 * offering carries them, and enrollment closes at the end of the end date, by the clock. A course
 * without a cohort stays self-paced (always open while not retired).
 */
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { CalendarDate } from "@jatim/kernel"
import { DeciderSpecification } from "@jatim/testing"
import { Course, CourseCommand, CourseEvent, Enrollment, EnrollmentCommand, FeedPolicy } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { courseId, curator, d, drafted, enrolled, learner, officer, published } from "./fixtures.js"
import { offeringOf, profile } from "./facts.js"
import { Effect, Option } from "effect"

const courses = DeciderSpecification.for(Course.decider)
const enrollments = DeciderSpecification.for(Enrollment.decider)

const date = CalendarDate.unsafeMake
const schedule = (startsOn: string, endsOn: string, actor = officer) =>
  new CourseCommand.ScheduleCohort({ actor, courseId, startsOn: date(startsOn), endsOn: date(endsOn) })
const scheduled = (startsOn: string, endsOn: string, at = d("2025-01-08T01:00:00Z")) =>
  new CourseEvent.CohortScheduled({ courseId, startsOn: date(startsOn), endsOn: date(endsOn), at })

const enrollIn = (events: ReadonlyArray<CourseEvent.CourseEvent>) =>
  new EnrollmentCommand.Enroll({ actor: learner, learner: profile, course: offeringOf(events) })

describe("scheduling a cohort", () => {
  it("a Dinas officer offers a published or drafted course as a cohort; scheduling the same dates again changes nothing", () => {
    courses
      .given([drafted(), published()])
      .at("2025-01-08T01:00:00Z")
      .when(schedule("2025-01-13", "2025-01-19"))
      .then([scheduled("2025-01-13", "2025-01-19")])
    courses
      .given([drafted(), published(), scheduled("2025-01-13", "2025-01-19")])
      .at("2025-01-08T01:00:00Z")
      .when(schedule("2025-01-13", "2025-01-19"))
      .then([])
    // The next intake replaces it.
    courses
      .given([drafted(), published(), scheduled("2025-01-13", "2025-01-19")])
      .at("2025-01-20T01:00:00Z")
      .when(schedule("2025-02-03", "2025-02-09"))
      .then([scheduled("2025-02-03", "2025-02-09", d("2025-01-20T01:00:00Z"))])
  })

  it("refuses an end before the start, an end already past, a retired course, and anyone but the Dinas", () => {
    const at = "2025-01-08T01:00:00Z"
    courses.given([drafted(), published()]).at(at).when(schedule("2025-01-19", "2025-01-13")).thenFailsWith("InvalidCohort")
    courses.given([drafted(), published()]).at(at).when(schedule("2025-01-01", "2025-01-07")).thenFailsWith("InvalidCohort")
    // The end date is today (WIB): still open until its end.
    courses
      .given([drafted(), published()])
      .at("2025-01-07T16:59:59Z")
      .when(schedule("2025-01-01", "2025-01-07"))
      .then([scheduled("2025-01-01", "2025-01-07", d("2025-01-07T16:59:59Z"))])
    const retired = new CourseEvent.CourseRetired({ courseId, reason: "Diganti", at: d("2025-01-07T02:00:00Z") })
    courses.given([drafted(), published(), retired]).at(at).when(schedule("2025-01-13", "2025-01-19")).thenFailsWith("CourseIsRetired")
    courses.given([]).at(at).when(schedule("2025-01-13", "2025-01-19")).thenFailsWith("CourseNotFound")
    courses
      .given([drafted(), published()])
      .at(at)
      .when(schedule("2025-01-13", "2025-01-19", curator))
      .thenFailsWith("ActorNotAuthorized")
  })

  it("the offering carries the cohort; a course without one is self-paced", () => {
    expect(offeringOf([drafted(), published()]).cohort).toBeNull()
    // The course's summary shows it, also before the first publication.
    const draftOnly = [drafted(), scheduled("2025-01-13", "2025-01-19")].reduce(Course.decider.evolve, Course.initialState)
    expect(Option.getOrThrow(Course.summary(draftOnly))).toMatchObject({ offering: null, cohort: { startsOn: "2025-01-13" } })
    expect(offeringOf([drafted(), published(), scheduled("2025-01-13", "2025-01-19")]).cohort).toEqual({
      startsOn: "2025-01-13",
      endsOn: "2025-01-19"
    })
  })
})

describe("enrolling in a cohort", () => {
  const history = [drafted(), published(), scheduled("2025-01-13", "2025-01-19")]

  it("is open before the start and until the end of the end date (WIB), closed from the next day", () => {
    enrollments.given([]).at("2025-01-10T02:00:00Z").when(enrollIn(history)).then([enrolled()])
    // 23:59:59 WIB on the end date.
    enrollments
      .given([])
      .at("2025-01-19T16:59:59Z")
      .when(enrollIn(history))
      .then([enrolled(d("2025-01-19T16:59:59Z"))])
    const closed = enrollments.given([]).at("2025-01-19T17:00:00Z").when(enrollIn(history)).thenFailsWith("EnrollmentClosed")
    expect(closed).toMatchObject({ courseId, endsOn: "2025-01-19" })
    // A self-paced course never closes.
    enrollments
      .given([])
      .at("2030-01-01T00:00:00Z")
      .when(enrollIn([drafted(), published()]))
      .then([enrolled(d("2030-01-01T00:00:00Z"))])
  })

  it("property: an enrollment is refused as closed exactly when the clock's WIB date is after the cohort's end", () => {
    const day = fc.integer({ min: 20_000, max: 20_400 })
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), day, fc.integer({ min: 0, max: 86_399_999 }), (start, length, today, ms) => {
        const startsOn = CalendarDate.fromDayNumber(start)
        const endsOn = CalendarDate.fromDayNumber(start + length)
        const at = CalendarDate.startOfDayEpochMillis(today) + ms
        const course = [drafted(), published(), scheduled(startsOn, endsOn)]
        const outcome = enrollments.given([]).at(new Date(at).toISOString()).when(enrollIn(course))
        if (today > start + length) outcome.thenFailsWith("EnrollmentClosed")
        else outcome.then([enrolled(new Date(at))])
      })
    )
  })

  it("property: a cohort is scheduled by a Dinas officer only", () => {
    fc.assert(
      fc.property(Arbitraries.nonDinasActor, (actor) => {
        courses
          .given([drafted(), published()])
          .at("2025-01-08T01:00:00Z")
          .when(schedule("2025-01-13", "2025-01-19", actor))
          .thenFailsWith("ActorNotAuthorized")
      }),
      { numRuns: 50 }
    )
  })

  it("a cohort's dates are public in the feed", () =>
    Effect.gen(function* () {
      const shown = yield* FeedPolicy.courseEventFor(curator, scheduled("2025-01-13", "2025-01-19"))
      expect(Option.getOrThrow(shown)).toMatchObject({ startsOn: "2025-01-13", endsOn: "2025-01-19" })
    }).pipe(Effect.runPromise))
})
