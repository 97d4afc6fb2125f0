/** What the live feed may send each actor: the feed policies of the four programs. */
import type { EventStore } from "@jatim/eventstore"
import type { Visibility } from "@jatim/kernel"

/** Every program's feed policy, each judging the events of its own stream categories. */
export const feedPolicies: ReadonlyArray<Visibility.FeedPolicy<EventStore.EventStore>> = []
