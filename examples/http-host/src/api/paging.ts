/**
 * Lists over HTTP answer a page at a time (`?limit=&after=`): at most `limit` items (100 unless the
 * request says, at most 1,000), in the list's order, of what the request's viewer may see. When
 * more follow, the response's `Link` header (RFC 8288) holds the URL of the next page
 * (`rel="next"`), whose `after` is an opaque cursor; the last page has no `Link`.
 */
import { HttpApp, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect, Schema } from "effect"
import { Page, Visibility } from "@jatim/kernel"
import { CurrentViewer } from "../auth.js"
import type { StoreFailure } from "../errors.js"
import { type Query, query, type ReadModels } from "../readModels/ReadModels.js"

/** The URL parameters of a page of a list in `keyset`'s order. */
export const pageParams = <A, K, I>(keyset: Page.Keyset<A, K, I>) => ({
  /** How many items at the most: 1 to 1,000; 100 when absent. */
  limit: Schema.optionalWith(Schema.compose(Schema.NumberFromString, Page.Limit), { default: () => Page.defaultLimit }),
  /** Where the page starts: the cursor of the `Link` of the page before. */
  after: Schema.optional(Page.cursor(keyset.schema))
})

/** A paged list's description: `description`, then how its pages work. */
export const paged = (description: string): string => `${description} ${pagedNote}`

const pagedNote =
  `Paged: \`?limit=\` (1 to ${Page.maxLimit}, ${Page.defaultLimit} when absent) items at the most; when more follow, ` +
  'the `Link` response header holds the next page\'s URL (`rel="next"`, its `after` an opaque cursor); the last page has no `Link`.'

/**
 * Answers `page`'s items; when a next page follows, the response carries its `Link`: this
 * request's URL with `after` set to the cursor of `page.next`.
 */
export const answerPage = <A, K, I, Item>(
  keyset: Page.Keyset<Item, K, I>,
  page: Page.Page<A, K>
): Effect.Effect<ReadonlyArray<A>, never, HttpServerRequest.HttpServerRequest> => {
  const { items, next } = page
  if (next === undefined) return Effect.succeed(items)
  return Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const url = new URL(request.url, "http://host")
    url.searchParams.set("after", Schema.encodeSync(Page.cursor(keyset.schema))(next))
    const link = `<${url.pathname}${url.search}>; rel="next"`
    yield* HttpApp.appendPreResponseHandler((_, response) => Effect.succeed(HttpServerResponse.setHeader(response, "link", link)))
    return items
  })
}

/**
 * The page of a list (read page by page with `read`, in `keyset`'s order) that the request's viewer
 * may see, as `policy` shows it: lists filtered by who may see them fill their pages from as many
 * pages of the read model as it takes (`Page.filtered`; a cursor names only an item the viewer was
 * given), and answer with the `Link` to the next.
 */
export const visiblePage = <A, Visible, K, I, R>(
  keyset: Page.Keyset<A, K, I>,
  policy: Visibility.ReadPolicy<A, Visible>,
  read: (request: Page.Request<K>) => Effect.Effect<Page.Page<A, K>, StoreFailure, R>,
  request: Page.Request<K>
): Effect.Effect<ReadonlyArray<Visible>, StoreFailure, R | CurrentViewer | HttpServerRequest.HttpServerRequest> =>
  Effect.flatMap(CurrentViewer, (viewer) =>
    // A viewer the policy admits nothing of gets the empty list without a read of the whole list.
    Visibility.seesNothing(policy, viewer)
      ? Effect.succeed([])
      : Effect.flatMap(
          Page.filtered(keyset, read, (item) => policy(viewer, item), request),
          (page) => answerPage(keyset, page)
        )
  )

/**
 * A read model's list as a paged endpoint serves it: the list's order (its pages' keyset) and the
 * domain's policy of who sees which item, as a read model module exports them (`order`,
 * `visibleTo`).
 */
export interface PagedList<A, Visible, K, I> {
  readonly order: Page.Keyset<A, K, I>
  readonly visibleTo: Visibility.ReadPolicy<A, Visible>
}

/**
 * The handler of a paged list endpoint: the page of `list` (`pick` reads one page of it from the
 * read models, given the request's URL parameters), in its order, that the request's viewer may
 * see under its policy (`visiblePage`).
 */
export const visibleList =
  <A, Visible, K, I, P extends { readonly limit: number; readonly after?: K | undefined }>(
    list: PagedList<A, Visible, K, I>,
    pick: (models: ReadModels, params: P, page: Page.Request<K>) => Query<Page.Page<A, K>>
  ) =>
  ({ urlParams }: { readonly urlParams: P }) =>
    visiblePage(list.order, list.visibleTo, (page) => query((models) => pick(models, urlParams, page)), {
      limit: urlParams.limit,
      after: urlParams.after
    })
