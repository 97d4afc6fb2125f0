/** What the live feed may send each actor: the feed policies of the four programs. */
import type { EventStore } from "@jatim/eventstore"
import { FeedPolicy as JatimIsoFeed } from "@jatim/jatim-iso"
import type { Visibility } from "@jatim/kernel"
import { FeedPolicy as OpopFeed } from "@jatim/opop"
import { FeedPolicy as SijawaraFeed } from "@jatim/sijawara"
import { FeedPolicy as TomikoFeed } from "@jatim/tomiko"

/** Every program's feed policy, each judging the events of its own stream categories. */
export const feedPolicies: ReadonlyArray<Visibility.FeedPolicy<EventStore.EventStore>> = [
  OpopFeed.feedPolicy,
  SijawaraFeed.feedPolicy,
  JatimIsoFeed.feedPolicy,
  JatimIsoFeed.registryFeedPolicy,
  TomikoFeed.feedPolicy
]
