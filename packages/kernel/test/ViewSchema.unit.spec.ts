import { describe, expect, it } from "vitest"
import { Option, Schema, SchemaAST } from "effect"
import { ViewSchema } from "../src/index.js"

describe("ViewSchema.struct", () => {
  const Trade = ViewSchema.struct("MonthTrade", "a network's settled trade in one month", {
    orders: Schema.NonNegativeInt.annotations({ description: "orders settled in the month" })
  })

  it("names and describes the view as Schema.Struct(fields).annotations({ identifier, description }) does", () => {
    expect(SchemaAST.getIdentifierAnnotation(Trade.ast)).toEqual(Option.some("MonthTrade"))
    expect(SchemaAST.getDescriptionAnnotation(Trade.ast)).toEqual(Option.some("a network's settled trade in one month"))
    const plain = Schema.Struct(Trade.fields).annotations({
      identifier: "MonthTrade",
      description: "a network's settled trade in one month"
    })
    expect(Trade.ast).toEqual(plain.ast)
  })

  it("keeps its fields, with their own annotations", () => {
    expect(Object.keys(Trade.fields)).toEqual(["orders"])
    expect(SchemaAST.getDescriptionAnnotation(Trade.fields.orders.ast)).toEqual(Option.some("orders settled in the month"))
    expect(Schema.decodeUnknownSync(Trade)({ orders: 3 })).toEqual({ orders: 3 })
  })
})
