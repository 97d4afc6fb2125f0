/**
 * `visiblePage` of a list whose policy admits a viewer all or nothing (`Visibility.byViewer`):
 * a viewer it admits nothing of gets the empty list without a single read of the list (an
 * anonymous reader of TOMIKO's listings no longer reads through every listing); a viewer it
 * admits reads the list as before.
 */
import { HttpServerRequest } from "@effect/platform"
import { Effect, Ref, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Actor, Page, Visibility } from "@jatim/kernel"
import { visiblePage } from "../src/api/paging.js"
import { CurrentViewer } from "../src/auth.js"

const items = ["a", "b", "c"]
const keyset = Page.byKey((item: string) => [item] as const, Schema.Tuple(Schema.String))
const dinasOnly = Visibility.byViewer<string>(Visibility.isDinas)
const anyViewer = fc.oneof(
  fc.constant<Visibility.Viewer>(Visibility.anonymous),
  fc.constantFrom<Visibility.Viewer>(
    Actor.DinasOfficer.make({ officerId: "dinas-1" }),
    Actor.Curator.make({ curatorId: "kurator-1" }),
    Actor.Learner.make({ learnerId: "L-2025-000123" })
  )
)

describe("visiblePage with a policy by viewer", () => {
  it("reads nothing for a viewer the policy admits nothing of, and the whole page for one it admits", async () => {
    await fc.assert(
      fc.asyncProperty(anyViewer, async (viewer) => {
        const answer = await Effect.gen(function* () {
          const reads = yield* Ref.make(0)
          const read = (request: Page.Request<readonly [string]>) =>
            Effect.as(
              Ref.update(reads, (n) => n + 1),
              Page.ofSorted(keyset, items, request)
            )
          const page = yield* visiblePage(keyset, dinasOnly, read, { limit: 10, after: undefined })
          return { page, reads: yield* Ref.get(reads) }
        }).pipe(
          Effect.provideService(CurrentViewer, viewer),
          Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(new Request("http://host/tomiko/listings"))),
          Effect.runPromise
        )
        if (Visibility.isDinas(viewer)) {
          expect(answer.page).toEqual(items)
          expect(answer.reads).toBeGreaterThan(0)
        } else {
          expect(answer.page).toEqual([])
          expect(answer.reads).toBe(0)
        }
      })
    )
  })
})
