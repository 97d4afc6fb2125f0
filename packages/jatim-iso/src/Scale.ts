/**
 * Business scale of a UMKM, as the UMKM law (UU 20/2008, PP 7/2021) classes it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Every scale, smallest first. */
export const scales = ["MIKRO", "KECIL", "MENENGAH"] as const

/** Schema of a scale: `MIKRO`, `KECIL` or `MENENGAH`. */
export const Scale = Schema.Literal(...scales).annotations({
  identifier: "Scale",
  message: () => "a UMKM scale is MIKRO (micro), KECIL (small) or MENENGAH (medium)"
})

/** A UMKM's scale. */
export type Scale = typeof Scale.Type
