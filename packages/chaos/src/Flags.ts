/**
 * The run's command line: `--seed N`, `--short`, `--duration S`, `--events N`, `--writers N`.
 *
 * @since 0.1.0
 */
import { Either } from "effect"

/** How big the run is and how it draws its randomness. */
export interface Settings {
  /** The seed of every random choice (printed, so that a run can be replayed). */
  readonly seed: number
  /** `--short`: the CI run, under a minute. */
  readonly short: boolean
  /** How long the writers and the chaos go on, in milliseconds. */
  readonly durationMillis: number
  /** Writers stop early once this many of their events are committed (no limit when absent). */
  readonly events: number | undefined
  /** How many concurrent writers. */
  readonly writers: number
  /** Long transactions hold for a random time up to this many milliseconds. */
  readonly longHoldMillis: number
  /** How long the run waits for projections and subscribers to catch up at the end. */
  readonly settleMillis: number
}

/** What the flags say, for `--help`. */
export const usage = `npm run chaos -- [--short] [--seed N] [--duration SECONDS] [--events N] [--writers N]

  --short           the CI run: 20 s of chaos, under a minute in all (default: 180 s)
  --seed N          replay the random choices of a run (printed at its start); random by default
  --duration S      seconds of writes and chaos
  --events N        stop the writers once N of their events are committed
  --writers N       concurrent writers (default 6)`

const integer = (flag: string, text: string | undefined, min: number): Either.Either<number, string> => {
  const value = Number(text)
  return text !== undefined && /^\d+$/.test(text) && Number.isSafeInteger(value) && value >= min
    ? Either.right(value)
    : Either.left(`${flag} takes a whole number of at least ${min}, not ${JSON.stringify(text ?? "")}`)
}

/** The flags that take a whole number, with the least each accepts. */
const wholeNumberFlags = { "--seed": 0, "--duration": 1, "--events": 1, "--writers": 1 } as const

type WholeNumberFlag = keyof typeof wholeNumberFlags

const isWholeNumberFlag = (flag: string): flag is WholeNumberFlag => Object.hasOwn(wholeNumberFlags, flag)

/** Reads the flags; `defaultSeed` is used when `--seed` is absent. */
export const parse = (argv: ReadonlyArray<string>, defaultSeed: number): Either.Either<Settings | "help", string> => {
  let short = false
  const numbers: Partial<Record<WholeNumberFlag, number>> = {}
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    if (flag === "--help" || flag === "-h") return Either.right("help")
    if (flag === "--short") {
      short = true
    } else if (isWholeNumberFlag(flag)) {
      i += 1
      const parsed = integer(flag, argv[i], wholeNumberFlags[flag])
      if (Either.isLeft(parsed)) return Either.left(parsed.left)
      numbers[flag] = parsed.right
    } else {
      return Either.left(`unknown flag ${JSON.stringify(flag)}`)
    }
  }
  const seconds = numbers["--duration"] ?? (short ? 20 : 180)
  return Either.right({
    seed: numbers["--seed"] ?? defaultSeed,
    short,
    durationMillis: seconds * 1000,
    events: numbers["--events"],
    writers: numbers["--writers"] ?? 6,
    longHoldMillis: short ? 800 : 2000,
    settleMillis: short ? 20_000 : 60_000
  })
}
