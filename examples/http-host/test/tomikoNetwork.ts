/**
 * What the TOMIKO stories over HTTP share: a secondary network registered through the API (its
 * primaries, the secondary founded by three of them, each primary joined) and a seller's listing
 * of beras at Rp50.000 a bag.
 */
import { expect } from "vitest"
import { dinas, kop, type Reply, type Token } from "./support.js"

/** Posts `body` to `path` with `token`: a `FileHost`'s `post`. */
type Post = (path: string, token: Token, body: unknown) => Promise<Reply>

/** A network to register: its secondary (name and fee) and its primaries, the first three its founders. */
export interface NetworkToRegister {
  readonly secondary: string
  readonly name: string
  readonly feeBasisPoints: number
  readonly primaries: ReadonlyArray<string>
}

const ok = async (reply: Promise<Reply>) => expect((await reply).status).toBe(200)

/** A cooperative's NIK: the code of its kabupaten/kota (`357801`, …) and `serial` on ten digits. */
const nikOf = (region: string, serial: number) => `${region}${String(serial).padStart(10, "0")}`

/**
 * The cooperatives of a file's network, numbered from `series` (the file's own, say 2000): its
 * secondary (`…2000`) and three primaries, a seller (`…2001`), a buyer (`…2002`) and one more
 * (`…2003`), the three of them its founders.
 */
export const numberedNetwork = (series: number) => ({
  secondary: nikOf("357802", series),
  seller: nikOf("351701", series + 1),
  buyer: nikOf("357801", series + 2),
  other: nikOf("350701", series + 3)
})

/** Registers the primary cooperatives `niks`, as the Dinas. */
export const registerPrimaries = async (post: Post, niks: ReadonlyArray<string>) => {
  for (const nik of niks) {
    await ok(post("/tomiko/koperasi/register-primary", dinas, { nik, name: `Koperasi ${nik}`, regionCode: "35.17", individualMembers: 40 }))
  }
}

/** Registers the primaries (as the Dinas), the secondary founded by the first three, and joins each primary to it. */
export const registerNetwork = async (post: Post, network: NetworkToRegister) => {
  await registerPrimaries(post, network.primaries)
  await registerSecondary(post, network.secondary, network.name, network.feeBasisPoints, network.primaries.slice(0, 3))
  for (const nik of network.primaries) await ok(post("/tomiko/koperasi/join-network", kop(nik), { nik, secondary: network.secondary }))
}

/** Registers the secondary cooperative `nik` founded by `founders` (registered primaries), as the Dinas. */
export const registerSecondary = (post: Post, nik: string, name: string, feeBasisPoints: number, founders: ReadonlyArray<string>) =>
  ok(post("/tomiko/koperasi/register-secondary", dinas, { nik, name, regionCode: "35.78", founders, feeBasisPoints }))

/** Lists `listingId`, beras at Rp50.000 a bag with 1,000 bags in stock, for `seller`. */
export const listBeras = (post: Post, seller: string, listingId: string) =>
  ok(
    post("/tomiko/listings/create", kop(seller), {
      listingId,
      seller,
      name: "Beras Premium 5 kg",
      unitPrice: 50000,
      stock: 1000,
      minimumOrderQuantity: 1
    })
  )
