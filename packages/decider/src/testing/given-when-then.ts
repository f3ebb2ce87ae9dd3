import { type ErrorCode, isHubError } from '@hub/errors';
import { type DomainEvent, encodeEvent } from '@hub/events';
import * as assert from 'uvu/assert';
import { type Decider, fold } from '../decider.ts';

// Decider tests read as the rules do: given these events happened, when this command comes, then
// these events (or this refusal). For the tests of every decider (`@hub/decider/testing`).

export interface Then<Event, State> {
  /** The command decides exactly these events, each valid for its schema; `[]` means it changes nothing. */
  thenEvents(expected: readonly Event[]): State;
  /** The command is refused with this code, and its detail matches `detail`. */
  thenRefuses(code: ErrorCode, detail?: RegExp): void;
}

export function givenFor<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return (history: readonly Event[]) => ({
    when(command: Command): Then<Event, State> {
      const state = fold(decider, history);
      return {
        thenEvents(expected) {
          const decided = decider.decide(command, state);
          assert.equal(decided, expected);
          // What is decided must also be writable: every event passes its schema in the catalogue.
          for (const event of decided) encodeEvent(event, { id: 'test', occurredAt: new Date(0) });
          return fold(decider, decided, state);
        },
        thenRefuses(code, detail) {
          try {
            const decided = decider.decide(command, state);
            assert.unreachable(`expected ${code}, got ${JSON.stringify(decided)}`);
          } catch (error) {
            if (error instanceof assert.Assertion) throw error;
            assert.ok(isHubError(error, code), `expected ${code}, got ${String(error)}`);
            if (detail) assert.match(error.message, detail);
          }
        },
      };
    },
  });
}
