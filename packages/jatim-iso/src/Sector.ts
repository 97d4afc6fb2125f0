/**
 * The business sector of a UMKM (the model's choice of the sectors the Dinas reports on).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Every sector. */
export const sectors = ["KULINER", "FASHION", "KERAJINAN", "KECANTIKAN", "AGRIBISNIS", "JASA", "LAINNYA"] as const

/** Schema of a sector. */
export const Sector = Schema.Literal(...sectors).annotations({
  identifier: "Sector",
  message: () => "a sector is one of KULINER, FASHION, KERAJINAN, KECANTIKAN, AGRIBISNIS, JASA or LAINNYA"
})

/** A UMKM's sector. */
export type Sector = typeof Sector.Type
