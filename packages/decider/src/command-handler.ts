import { HubError, isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { type DomainEvent, decodeEvent, type EventContext, encodeEvent, type RecordedEvent } from '@hub/events';
import { type Decider, fold } from './decider.ts';

export interface CommandOptions<Command, Event extends DomainEvent, State> {
  readonly store: EventStore;
  readonly streamId: string;
  readonly decider: Decider<Command, Event, State>;
  readonly command: Command;
  /**
   * The revision of the stream the user saw when they chose this command (`null`: they saw no
   * stream). When the stream has moved on since, nothing is decided: WRONG_EXPECTED_REVISION (409)
   * with the current revision and state in its context, so the user sees what changed. Leave it
   * out for commands that may be decided again on a newer state (a system's, not a person's).
   */
  readonly seenRevision?: number | null;
  /**
   * Ids, time and metadata of the `index`-th event decided, given the state it was decided on (its
   * owner's id goes in `metadata.personalDataOf`); deterministic ids make a retried command idempotent.
   */
  readonly eventContext: (event: Event, index: number, state: State) => EventContext;
  /** Tries after losing a race with another writer, when there is no `seenRevision` (3). */
  readonly conflictRetries?: number;
  /** Only events of the aggregate's own types are folded; others in the stream are skipped. */
  readonly isEvent?: (event: DomainEvent) => event is Event;
}

export interface CommandResult<Event extends DomainEvent, State> {
  readonly events: readonly Event[];
  readonly state: State;
  /** The stream's revision after the command (-1 for a stream that still does not exist). */
  readonly revision: number;
}

export interface LoadedAggregate<State> {
  readonly state: State;
  /** Revision of the stream's last event; -1 when there is no stream. */
  readonly revision: number;
}

/** Reads a stream and folds it. */
export async function loadAggregate<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  isEvent: (event: DomainEvent) => event is Event = (event): event is Event => true,
): Promise<LoadedAggregate<State>> {
  const recorded: RecordedEvent[] = await store.readStream(streamId);
  const events = recorded.map(decodeEvent).filter(isEvent);
  return { state: fold(decider, events), revision: recorded.at(-1)?.revision ?? -1 };
}

/** WRONG_EXPECTED_REVISION (409) for a user who saw `seen`, with the current revision and state. */
export const staleView = (streamId: string, seen: number, current: LoadedAggregate<unknown>) =>
  new HubError(
    'WRONG_EXPECTED_REVISION',
    `${streamId} changed since revision ${seen === -1 ? 'none' : seen}: it is at ${current.revision}; nothing was changed`,
    { streamId, seenRevision: seen, currentRevision: current.revision, current: current.state },
  );

/**
 * Reads the stream, folds it, decides, and appends at the revision it read, so two users acting on
 * the same state cannot both win: the second gets WRONG_EXPECTED_REVISION. A command without a
 * seen revision is decided again on the newer state, up to `conflictRetries` times.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  options: CommandOptions<Command, Event, State>,
): Promise<CommandResult<Event, State>> {
  const { store, streamId, decider, command } = options;
  const retries = options.seenRevision === undefined ? (options.conflictRetries ?? 3) : 0;
  for (let attempt = 0; ; attempt += 1) {
    const current = await loadAggregate(store, streamId, decider, options.isEvent);
    const seen = options.seenRevision === null ? -1 : options.seenRevision;
    if (seen !== undefined && seen !== current.revision) {
      // No such stream at all: what the rules say of that (usually NOT_FOUND) is the better answer.
      if (current.revision === -1) decider.decide(command, current.state);
      throw staleView(streamId, seen, current);
    }
    const events = decider.decide(command, current.state);
    if (events.length === 0) return { events, state: current.state, revision: current.revision };
    try {
      const result = await store.appendToStream(
        streamId,
        events.map((event, index) => encodeEvent(event, options.eventContext(event, index, current.state))),
        { expectedRevision: current.revision === -1 ? 'no_stream' : current.revision },
      );
      return { events, state: fold(decider, events, current.state), revision: result.nextExpectedRevision };
    } catch (error) {
      if (!isHubError(error, 'WRONG_EXPECTED_REVISION')) throw error;
      if (seen !== undefined) {
        throw staleView(streamId, seen, await loadAggregate(store, streamId, decider, options.isEvent));
      }
      if (attempt >= retries) throw error;
    }
  }
}
