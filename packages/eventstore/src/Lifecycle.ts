/**
 * The initial state and the `evolve` of an aggregate whose stream is about one thing that an
 * event creates (a pesantren registered, a product proposed, an order placed): before that
 * event its state is the initial one, a state that is only its tag, and after it the state of
 * the thing. The rule every such aggregate keeps has one home here, so that any sequence of
 * events folds:
 *
 * - the creating event, on the initial state, creates the thing (`create`);
 * - the creating event again, once the thing exists, changes nothing;
 * - any other event before the thing exists changes nothing;
 * - any other event afterwards is the aggregate's own (`next`), which never sees the creating
 *   event nor the initial state.
 *
 * @since 0.1.0
 */

/** The tags of `State`'s members that are only their tag: those that can be a `Lifecycle`'s initial state. */
export type BareTag<State extends { readonly _tag: string }> = {
  [Tag in State["_tag"]]: { readonly _tag: Tag } extends Extract<State, { readonly _tag: Tag }> ? Tag : never
}[State["_tag"]]

/** What `make` needs to know about an aggregate's life, `Event` and `State` unions tagged by `_tag`. */
export interface Life<
  State extends { readonly _tag: string },
  Event extends { readonly _tag: string },
  Initial extends BareTag<State>,
  Creation extends Event["_tag"]
> {
  /** The tag of the state before the creating event: the initial state is `{ _tag: initial }`. */
  readonly initial: Initial
  /** The tag of the event that creates the thing. */
  readonly creation: Creation
  /** The thing the creating event creates. */
  readonly create: (event: Extract<Event, { readonly _tag: Creation }>) => Exclude<State, { readonly _tag: Initial }>
  /** The state of the thing after one more event other than its creation. */
  readonly next: (
    state: Exclude<State, { readonly _tag: Initial }>,
    event: Exclude<Event, { readonly _tag: Creation }>
  ) => Exclude<State, { readonly _tag: Initial }>
}

/** An aggregate's initial state and `evolve`, as its `Decider` takes them. */
export interface Lifecycle<State, Event> {
  /** The state of a stream with no events. */
  readonly initialState: State
  /** The state after one more event (the module's rules). */
  readonly evolve: (state: State, event: Event) => State
}

/**
 * The initial state `{ _tag: life.initial }` and the `evolve` of an aggregate of state `State`
 * and events `Event` that the event `life.creation` creates (see the module's rules), e.g.
 * `Lifecycle.make<State, OrderEvent>()({ initial: "Unplaced", creation: "OrderPlaced", create, next })`.
 * Curried so that `State` and `Event` are given and the tags and functions are checked against them.
 */
export const make =
  <State extends { readonly _tag: string }, Event extends { readonly _tag: string }>() =>
  <const Initial extends BareTag<State>, const Creation extends Event["_tag"]>(
    life: Life<State, Event, Initial, Creation>
  ): Lifecycle<State, Event> => {
    type Thing = Exclude<State, { readonly _tag: Initial }>
    type Other = Exclude<Event, { readonly _tag: Creation }>
    const isCreation = (event: Event): event is Extract<Event, { readonly _tag: Creation }> => event._tag === life.creation
    const isInitial = (state: State): boolean => state._tag === life.initial
    // `BareTag` makes the tag alone a whole member of `State`.
    const initialState = { _tag: life.initial } as unknown as State
    const evolve = (state: State, event: Event): State => {
      if (isCreation(event)) return isInitial(state) ? life.create(event) : state
      return isInitial(state) ? state : life.next(state as Thing, event as Other)
    }
    return { initialState, evolve }
  }
