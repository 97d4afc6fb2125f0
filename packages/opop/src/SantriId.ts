/**
 * Santri ids: the id of a santripreneur's stream `santripreneur-<santriId>`, for example the
 * santri's NISN or the pesantren's own student number.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Schema of a santri id: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const SantriId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: (issue) =>
      `a santri id is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("SantriId"),
  Schema.annotations({ identifier: "SantriId", description: "the id of a santri in the santripreneur program" })
)

/** The id of a santri. */
export type SantriId = typeof SantriId.Type
