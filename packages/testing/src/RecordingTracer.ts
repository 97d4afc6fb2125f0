/**
 * A tracer for tests: records the name of each span it is asked to start and the attributes
 * the span ends with, in the array it is given.
 *
 * @since 0.1.0
 */
import { Tracer } from "effect"

/** A span the tracer started: its name and its attributes so far. */
export interface RecordedSpan {
  readonly name: string
  readonly attributes: Map<string, unknown>
}

/** A tracer that pushes each span it starts onto `spans` (use it with `Effect.withTracer`). */
export const make = (spans: Array<RecordedSpan>): Tracer.Tracer =>
  Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const attributes = new Map<string, unknown>()
      spans.push({ name, attributes })
      return {
        _tag: "Span",
        name,
        spanId: `${spans.length}`,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: () => {},
        attribute: (key, value) => {
          attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })
