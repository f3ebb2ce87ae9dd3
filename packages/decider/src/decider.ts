import type { DomainEvent } from '@hub/events';

/**
 * The rules of one aggregate, pure: no clock, no ids, no I/O. `decide` answers a command with the
 * events it causes (none when it changes nothing) or throws a `HubError` when it is refused;
 * `evolve` folds one event into the state. A stream's state is `events.reduce(evolve, initialState)`.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

/** The state after `events`, from the start. */
export const fold = <Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  from: State = decider.initialState,
): State => events.reduce(decider.evolve, from);
