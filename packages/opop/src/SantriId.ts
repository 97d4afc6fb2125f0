/**
 * Santri ids: the id of a santripreneur's stream `santripreneur-<santriId>`, for example the
 * santri's NISN or the pesantren's own student number.
 *
 * @since 0.1.0
 */
import { Slug } from "@jatim/kernel"

/** Schema of a santri id: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const SantriId = Slug.make("SantriId", { separators: [".", "_", "-"], what: "a santri id", example: "santri-001" })

/** The id of a santri. */
export type SantriId = typeof SantriId.Type
