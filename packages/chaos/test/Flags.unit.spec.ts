import { describe, expect, it } from "vitest"
import { Either } from "effect"
import { parse } from "../src/Flags.js"

describe("the chaos run's flags", () => {
  it("runs a few minutes by default, with the seed it is given", () => {
    expect(parse([], 42)).toEqual(
      Either.right(expect.objectContaining({ seed: 42, short: false, durationMillis: 180_000, writers: 6, events: undefined }))
    )
  })

  it("--short is the CI run; --seed, --duration, --events and --writers override", () => {
    const parsed = parse(["--short", "--seed", "7", "--duration", "5", "--events", "100", "--writers", "3"], 42)
    expect(parsed).toEqual(Either.right(expect.objectContaining({ seed: 7, short: true, durationMillis: 5_000, events: 100, writers: 3 })))
    expect(parse(["--short"], 1)).toEqual(Either.right(expect.objectContaining({ durationMillis: 20_000 })))
  })

  it("refuses an unknown flag or a value that is not a whole number", () => {
    expect(parse(["--fast"], 1)).toEqual(Either.left(`unknown flag "--fast"`))
    expect(parse(["--seed"], 1)).toEqual(Either.left(`--seed takes a whole number of at least 0, not ""`))
    expect(parse(["--writers", "0"], 1)).toEqual(Either.left(`--writers takes a whole number of at least 1, not "0"`))
    expect(parse(["--duration", "1.5"], 1)).toEqual(Either.left(`--duration takes a whole number of at least 1, not "1.5"`))
  })
})
