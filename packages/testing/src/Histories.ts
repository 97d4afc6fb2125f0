/**
 * Histories of several streams as one store sees them: each stream's events in their order, the
 * streams interleaved as a random history chooses.
 *
 * @since 0.1.0
 */

/**
 * One global order of the items of `queues`, each queue's own order kept: each next item comes
 * from the queue the next of `choices` picks (modulo how many are left; the first when `choices`
 * runs out), as a random history interleaves its worlds.
 */
export const interleave = <A>(queues: ReadonlyArray<ReadonlyArray<A>>, choices: ReadonlyArray<number>): Array<A> => {
  const left = queues.filter((queue) => queue.length > 0).map((queue) => [...queue])
  const merged: Array<A> = []
  let i = 0
  while (left.length > 0) {
    const q = (choices[i++] ?? 0) % left.length
    merged.push(left[q]!.shift()!)
    if (left[q]!.length === 0) left.splice(q, 1)
  }
  return merged
}
