/**
 * The values at a personal field's path in an event's JSON data, visited with the object that
 * holds each (where the subject's id is) and their concrete place (`members.2.name`).
 *
 * @internal
 */
import { items, type Path } from "../../PersonalData.js"

/** One value at a path: the value, the object holding it, and its concrete place. */
export interface Found {
  readonly value: unknown
  readonly holder: { readonly [key: string]: unknown }
  /** The place in messages: `members.2.name`. */
  readonly place: string
  /** The place's property names and indexes, which tell every place apart (`place` may not: a name may hold a `.`). */
  readonly segments: ReadonlyArray<string | number>
}

const isObject = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const walk = (
  value: unknown,
  path: Path,
  index: number,
  segments: ReadonlyArray<string | number>,
  holder: { readonly [key: string]: unknown } | undefined,
  replace: (found: Found) => unknown
): unknown => {
  if (index === path.length) {
    // `null` holds nothing of a person: it stays as it is (and needs no id beside it).
    return holder === undefined || value === undefined || value === null
      ? value
      : replace({ value, holder, place: segments.join("."), segments })
  }
  const segment = path[index]!
  if (segment === items) {
    if (!Array.isArray(value)) return value
    let changed = false
    const next = value.map((element, i) => {
      const result = walk(element, path, index + 1, [...segments, i], holder, replace)
      if (result !== element) changed = true
      return result
    })
    return changed ? next : value
  }
  // Own properties only: `"constructor" in {}` is true.
  if (!isObject(value) || !Object.hasOwn(value, segment)) return value
  const child = value[segment]
  const result = walk(child, path, index + 1, [...segments, segment], value, replace)
  return result === child ? value : { ...value, [segment]: result }
}

/**
 * `data` with every value at `path` replaced by what `replace` returns for it (the same object
 * when nothing changed). Absent, `undefined` and `null` values are not visited.
 */
export const mapAt = <D>(data: D, path: Path, replace: (found: Found) => unknown): D => walk(data, path, 0, [], undefined, replace) as D

/** Visits every value at `path` in `data`. */
export const forEachAt = (data: unknown, path: Path, visit: (found: Found) => void): void => {
  walk(data, path, 0, [], undefined, (found) => {
    visit(found)
    return found.value
  })
}
