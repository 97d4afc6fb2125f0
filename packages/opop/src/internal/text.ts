/** Text fields shared by commands and events. */
import { Schema } from "effect"

/** A name of a pesantren, person, product or venture: 1 to 200 characters, trimmed. */
export const Name = Schema.Trimmed.pipe(
  Schema.minLength(1, { message: () => "a name is not empty" }),
  Schema.maxLength(200, { message: () => "a name has at most 200 characters" })
)

/** Why something was done (suspension, revocation, withdrawal): 1 to 500 characters, trimmed. */
export const Reason = Schema.Trimmed.pipe(
  Schema.minLength(1, { message: () => "a reason is not empty" }),
  Schema.maxLength(500, { message: () => "a reason has at most 500 characters" })
)

/** A product description: 1 to 2,000 characters, trimmed. */
export const Description = Schema.Trimmed.pipe(
  Schema.minLength(1, { message: () => "a description is not empty" }),
  Schema.maxLength(2000, { message: () => "a description has at most 2000 characters" })
)
