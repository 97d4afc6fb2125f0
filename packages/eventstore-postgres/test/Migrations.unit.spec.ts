/**
 * Released steps never change (adr/0073): a store they migrated is recognised by their text,
 * and `Upgrade.int.spec.ts` builds a 0.1.0 store from steps 1 to 3. Each step's SQL, for a
 * schema named `__SCHEMA__`, hashes to the digest recorded when it was released. The digests
 * of steps 1 to 3 were recorded once their texts were checked, byte for byte, against the
 * statements of 0.1.0 (commit 460cf54). A change of a released step fails here: add a step.
 */
import { describe, expect, it } from "@effect/vitest"
import { createHash } from "node:crypto"
import { Migrations } from "../src/index.js"

/** Every released step: version, name, SHA-256 of its statements joined by `";\n"`. */
const released = [
  [1, "create_event_store", "6416cd0407029977b6c6284a9f1108cac04eea68880e554fbeae5b5e805d3505"],
  [2, "create_checkpoints_and_snapshots", "4250b080501c0c1dfc42eb97580ff235cd52b0de014464bc1cbef8c741478c7b"],
  [3, "append_functions", "b0a6595c4e0569252ad83efa3371961546c165e18751e7cc44dc51241edaa71a"],
  [4, "append_functions_refuse_invalid_expectations", "dfb132b89ed8cec1bd19bb11e3ccc91f3536357d3ff098e12205e99c3409fa04"],
  [5, "grouped_appends", "5b470a47154b8e453092106312cf11735c9559d278ac034c0777c3b6741e72fd"],
  [6, "projection_failures", "131e9e46df7111d0907e887715e01fa38812abad8b756c1c4653c18de43d1bb4"],
  [7, "personal_data_keys", "a4171f6369e9a6b73ee6248437acc76b1bef1e0015d2adb994a418fd4d1cfd92"],
  [8, "category_type_statistics", "4ee7c45ad6f75859dddc9b3796a439678755a96b51fbd5612c87319d21161c62"]
] as const

const digest = (statements: ReadonlyArray<string>) => createHash("sha256").update(statements.join(";\n")).digest("hex")

describe("The released migration steps", () => {
  it("are every step of the package, by version and name (a new step records its digest here)", () => {
    expect(Migrations.steps.map((step) => [step.version, step.name])).toEqual(released.map(([version, name]) => [version, name]))
  })

  it.each(released)("step %i (%s) runs the SQL it was released with", (version, name, expected) => {
    const step = Migrations.steps.find((s) => s.version === version && s.name === name)
    expect(step && digest(step.statements("__SCHEMA__"))).toBe(expected)
  })

  it("place the schema's name, quoted, wherever a step names an object", () => {
    for (const step of Migrations.steps) {
      expect(step.statements("some_store").join("\n")).not.toContain("__SCHEMA__")
      expect(step.statements("some_store").every((statement) => statement.includes('"some_store".'))).toBe(true)
    }
  })
})
