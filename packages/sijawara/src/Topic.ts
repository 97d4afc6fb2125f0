/**
 * The topics Sijawara teaches. A course has exactly one topic, chosen when it is drafted and
 * fixed for its whole life, because other contexts act on it (JATIM ISO records a packaging or
 * digital-marketing training when a linked learner completes such a course).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Every topic, in the order the program lists them. */
export const topics = ["PERKOPERASIAN", "MANAJEMEN_KOPERASI", "AKUNTANSI_SHU", "KEMASAN", "PEMASARAN_DIGITAL"] as const

/** Schema of a topic. */
export const Topic = Schema.Literal(...topics).annotations({
  identifier: "Topic",
  message: () =>
    "a Sijawara topic is one of PERKOPERASIAN, MANAJEMEN_KOPERASI, AKUNTANSI_SHU, KEMASAN (packaging) or PEMASARAN_DIGITAL (digital marketing)"
})

/** A topic of a course. */
export type Topic = typeof Topic.Type

const labels: { readonly [T in Topic]: string } = {
  PERKOPERASIAN: "Perkoperasian",
  MANAJEMEN_KOPERASI: "Manajemen koperasi",
  AKUNTANSI_SHU: "Akuntansi & SHU",
  KEMASAN: "Kemasan (packaging)",
  PEMASARAN_DIGITAL: "Pemasaran digital (digital marketing)"
}

/** The topic as learners read it: "Akuntansi & SHU". */
export const label = (topic: Topic): string => labels[topic]
