/**
 * Who reads a learner's own records in Sijawara's read models (their progress, their
 * certificates): the learner themself and the Dinas. For anyone else the records do not exist
 * ("not found"), not even whether the learner has any.
 */
import { Option } from "effect"
import { Visibility } from "@jatim/kernel"
import type { LearnerId } from "../Ids.js"

/** Whether `viewer` may read the records of `learnerId`: the learner themself, or a Dinas officer. */
export const mayRead = (viewer: Visibility.Viewer, learnerId: LearnerId): boolean =>
  Visibility.isDinas(viewer) || (viewer._tag === "LEARNER" && viewer.learnerId === learnerId)

/**
 * The read policy of a view of one learner's records: what `visible` takes of the view, for a
 * viewer who `mayRead` them; none for anyone else.
 */
export const policy =
  <View extends { readonly learnerId: LearnerId }, Visible>(visible: (view: View) => Visible): Visibility.ReadPolicy<View, Visible> =>
  (viewer, view) =>
    mayRead(viewer, view.learnerId) ? Option.some(visible(view)) : Option.none()
