import type { AllStreamSubscription } from '@eventstore/db-client';

export interface CaughtUpSignal {
  /** Call when the loop takes an event off the subscription. */
  pulled(): void;
  /** Call when that event's handler has settled (or it was skipped). */
  handled(): void;
}

/**
 * Relays the server's caught-up message in delivery order. The client emits it the moment it
 * parses the message, while events that came before may still sit in the stream's buffer or in a
 * handler; so the call waits until as many events as had arrived by then have been handled.
 * Servers that never send the message simply never trigger it.
 */
export function caughtUpSignal(live: AllStreamSubscription, onCaughtUp: () => void): CaughtUpSignal {
  let pulledCount = 0;
  let handledCount = 0;
  let dueAt: number | undefined;
  const fireIfDue = () => {
    if (dueAt === undefined || handledCount < dueAt) return;
    dueAt = undefined;
    onCaughtUp();
  };
  live.on('caughtUp', () => {
    dueAt = pulledCount + live.readableLength;
    if (pulledCount === handledCount) fireIfDue();
  });
  return {
    pulled() {
      pulledCount++;
    },
    handled() {
      handledCount++;
      fireIfDue();
    },
  };
}
