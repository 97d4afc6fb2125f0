/**
 * Runs a read model's statements for a batch of events in as few round trips as it can: the
 * statements whose parameters are plain values (text, numbers, booleans, `NULL`) are sent
 * together, as one multi-statement query with their values written as quoted literals; anything
 * else (a statement with another kind of value, an effect that reads before it writes) runs on
 * its own, in its place. The statements still run one after the other, in the order given, in
 * the caller's transaction: a failing statement fails the query, and the transaction with it.
 *
 * A parameter PostgreSQL receives from `pg` is text of unknown type, resolved by its context; a
 * quoted literal is too, so a statement means the same with either.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import { type SqlClient, Statement } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"

/**
 * `value` as a quoted SQL literal, as `pg`'s `escapeLiteral` writes one (`E'…'` when it holds a
 * backslash, so that it reads the same whatever `standard_conforming_strings` is); `NULL` for
 * `null` and `undefined`; `None` for anything but text, a finite or infinite number, a bigint or
 * a boolean.
 */
export const literal = (value: unknown): Option.Option<string> => {
  if (value === null || value === undefined) return Option.some("NULL")
  switch (typeof value) {
    case "string":
      return Option.some(quote(value))
    case "number":
    case "bigint":
    case "boolean":
      return Option.some(quote(String(value)))
    default:
      return Option.none()
  }
}

const quote = (text: string): string => {
  const escaped = text.replaceAll("'", "''")
  return text.includes("\\") ? ` E'${escaped.replaceAll("\\", "\\\\")}'` : `'${escaped}'`
}

/**
 * The statement `sql` with its placeholders `$1`, `$2`, … replaced by the literals of `params`;
 * placeholders inside the statement's own quoted text, quoted identifiers, dollar-quoted text
 * and comments are left alone. `None` when a parameter has no literal, or when the placeholders
 * do not name exactly the parameters.
 */
export const inline = (sql: string, params: ReadonlyArray<unknown>): Option.Option<string> => {
  const literals: Array<string> = []
  for (const param of params) {
    const written = literal(param)
    if (Option.isNone(written)) return Option.none()
    literals.push(written.value)
  }
  const used = new Set<number>()
  let out = ""
  let i = 0
  while (i < sql.length) {
    const skipped = skipQuoted(sql, i)
    if (skipped > i) {
      out += sql.slice(i, skipped)
      i = skipped
      continue
    }
    const placeholder = /^\$(\d+)/.exec(sql.slice(i, i + 12))
    if (placeholder !== null) {
      const index = Number(placeholder[1]) - 1
      const written = literals[index]
      if (written === undefined) return Option.none()
      used.add(index)
      out += written
      i += placeholder[0].length
      continue
    }
    out += sql[i]
    i += 1
  }
  return used.size === literals.length ? Option.some(out) : Option.none()
}

/**
 * Where the quoted text, quoted identifier, dollar-quoted text or comment that starts at `at`
 * ends (just after it); `at` when none starts there. An unterminated one runs to the end.
 */
const skipQuoted = (sql: string, at: number): number => {
  const char = sql[at]
  const rest = (close: string, from: number) => {
    const end = sql.indexOf(close, from)
    return end === -1 ? sql.length : end + close.length
  }
  if (char === "'" && /[Ee]/.test(sql[at - 1] ?? "") && !/[A-Za-z0-9_$]/.test(sql[at - 2] ?? "")) {
    // An escape string: a backslash escapes the character after it.
    let i = at + 1
    while (i < sql.length && sql[i] !== "'") i += sql[i] === "\\" ? 2 : 1
    return Math.min(i + 1, sql.length)
  }
  if (char === "'" || char === '"') {
    // A doubled quote inside is part of the text: skipping to the next quote and going on reads it as two quoted pieces.
    return rest(char, at + 1)
  }
  if (char === "-" && sql[at + 1] === "-") return rest("\n", at + 2)
  if (char === "/" && sql[at + 1] === "*") return rest("*/", at + 2)
  if (char === "$") {
    const tag = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(at, at + 64))
    if (tag !== null) return rest(tag[0], at + tag[0].length)
  }
  return at
}

/** A statement as `@effect/sql` builds it: a fragment that runs. */
const isStatement = (effect: Effect.Effect<unknown, unknown, unknown>): effect is Statement.Statement<unknown> =>
  Statement.isFragment(effect) && "compile" in effect

/** One step of a batch: statements sent together as one query, or an effect run on its own. */
export type Step<E, R> =
  | { readonly _tag: "Together"; readonly text: string; readonly count: number }
  | { readonly _tag: "Alone"; readonly effect: Effect.Effect<unknown, E, R> }

/**
 * The steps that run `effects` in order: each run of statements with plain parameters as one
 * query (a lone one as it is), every other effect on its own; `Effect.void` is left out.
 */
export const plan = <E, R>(effects: Iterable<Effect.Effect<unknown, E, R>>): ReadonlyArray<Step<E, R>> => {
  const steps: Array<Step<E, R>> = []
  let pending: Array<{ readonly statement: Effect.Effect<unknown, E, R>; readonly text: string }> = []
  const flush = () => {
    if (pending.length === 1) steps.push({ _tag: "Alone", effect: pending[0]!.statement })
    else if (pending.length > 1)
      steps.push({ _tag: "Together", text: pending.map(({ text }) => text).join("\n;\n"), count: pending.length })
    pending = []
  }
  for (const effect of effects) {
    if (effect === Effect.void) continue
    if (isStatement(effect)) {
      const [text, params] = effect.compile()
      const written = inline(text, params)
      if (Option.isSome(written)) {
        pending.push({ statement: effect, text: written.value })
        continue
      }
    }
    flush()
    steps.push({ _tag: "Alone", effect })
  }
  flush()
  return steps
}

/** Runs `effects` in order on `sql`, in the steps of `plan`. */
export const runInOrder = <E, R>(
  sql: SqlClient.SqlClient,
  effects: Iterable<Effect.Effect<unknown, E, R>>
): Effect.Effect<void, E | SqlError, R> =>
  Effect.suspend(() =>
    Effect.forEach(
      plan(effects),
      (step): Effect.Effect<unknown, E | SqlError, R> => (step._tag === "Together" ? sql.unsafe(step.text) : step.effect),
      { discard: true }
    )
  )
