/** The operator CLI's pure parts: CSV quoting (RFC 4180), report rows, progress lines, text tables, the running server's port. */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { runningPort } from "../src/cli/database.js"
import { csvField, toCsv } from "../src/cli/formats.js"
import { bar, describe as describeProgress, formatSeconds } from "../src/cli/progress.js"
import { flatten, reportOf } from "../src/cli/reports.js"
import { textTable } from "../src/cli/table.js"

describe("CSV", () => {
  it("quotes a field with a quote, comma, CR or LF, or an edge space, doubling its quotes", () => {
    expect(csvField("plain")).toBe("plain")
    expect(csvField('Batik "Tulis", Lirboyo')).toBe('"Batik ""Tulis"", Lirboyo"')
    expect(csvField("two\nlines")).toBe('"two\nlines"')
    expect(csvField("cr\r")).toBe('"cr\r"')
    expect(csvField(" padded")).toBe('" padded"')
    expect(csvField(15000)).toBe("15000")
    expect(csvField(true)).toBe("true")
    expect(csvField("")).toBe("")
  })

  it("writes a header line and one line per row, each ended by CRLF", () => {
    expect(
      toCsv({
        columns: ["a", "b"],
        rows: [
          ["x,y", 1],
          ["", false]
        ]
      })
    ).toBe('a,b\r\n"x,y",1\r\n,false\r\n')
  })
})

describe("reports", () => {
  it("flattens nested values into dotted columns; arrays joined, absent values empty", () => {
    expect(flatten({ a: 1, b: { c: "x", d: [1, 2] }, e: undefined, f: new Date(0) })).toEqual([
      ["a", 1],
      ["b.c", "x"],
      ["b.d", "1; 2"],
      ["e", ""],
      ["f", "1970-01-01T00:00:00.000Z"]
    ])
  })

  it("puts each item's cells under the given columns, empty where an item has none", () => {
    expect(reportOf([{ a: 1, b: { c: 2 } }, { a: 3 }], ["a", "b.c"])).toEqual({
      columns: ["a", "b.c"],
      rows: [
        [1, 2],
        [3, ""]
      ]
    })
  })
})

describe("progress", () => {
  it("says events done, rate and time left", () => {
    expect(describeProgress({ done: 1200, total: 5000, elapsedMillis: 3000 })).toBe("1,200/5,000 events (24%), 400 events/s, 10s left")
    expect(describeProgress({ done: 0, total: 10, elapsedMillis: 0 })).toBe("0/10 events (0%), 0 events/s, time left unknown")
    expect(formatSeconds(65)).toBe("1m 05s")
  })

  it("draws a bar as full as the work done", () => {
    expect(bar({ done: 5, total: 10, elapsedMillis: 1000 }, 10)).toBe("[█████░░░░░] 5/10 events (50%), 5 events/s, 1s left")
    expect(bar({ done: 0, total: 0, elapsedMillis: 0 }, 4)).toMatch(/^\[████\] 0\/0 events \(100%\)/)
  })
})

describe("text tables", () => {
  it("pads each column to its widest cell", () => {
    expect(
      textTable(
        ["name", "lag"],
        [
          ["opop", "3"],
          ["tomiko-stock", "12"]
        ]
      )
    ).toBe(["name          lag", "------------  ---", "opop          3", "tomiko-stock  12"].join("\n"))
  })
})

describe("the embedded server's data folder", () => {
  it("names the port of a live server (its postmaster.pid), and none for a stale one or none at all", () => {
    const dir = mkdtempSync(join(tmpdir(), "jatim-pid-"))
    expect(runningPort(dir)).toEqual(Option.none())
    writeFileSync(join(dir, "postmaster.pid"), `${process.pid}\n${dir}\n1700000000\n54321\n/tmp\n127.0.0.1\n`)
    expect(runningPort(dir)).toEqual(Option.some(54321))
    // A pid no process has (above Linux's pid_max).
    writeFileSync(join(dir, "postmaster.pid"), `99999999\n${dir}\n1700000000\n54321\n`)
    expect(runningPort(dir)).toEqual(Option.none())
  })
})
