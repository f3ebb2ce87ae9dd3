import type { CustomerIdentifier } from '@hub/events';
import { identifierKey } from './identity-resolution.decider.ts';

export interface ReplayCheck {
  readonly interactionId: string;
  readonly identifiers: readonly CustomerIdentifier[];
  /** When the hub received the interaction (its intake); the provider's time for older messages. */
  readonly receivedAt: Date;
  /** Tombstones: when each erased identifier was erased, by `identifierKey`. */
  readonly erasedIdentifiers: ReadonlyMap<string, Date>;
  readonly erasedInteractionIds: ReadonlySet<string>;
}

/**
 * Whether an interaction is an old copy of an erased person's data: an interaction that was
 * erased, or one naming an erased identifier that the hub had received by the time of the
 * erasure (a dead letter redriven, a log replayed, a retried webhook). Recording it would bring
 * the person back. A contact received after the erasure is the person coming back, and is new.
 */
export function isReplayOfErased(check: ReplayCheck): boolean {
  if (check.erasedInteractionIds.has(check.interactionId)) return true;
  return check.identifiers.some((identifier) => {
    const erasedAt = check.erasedIdentifiers.get(identifierKey(identifier));
    return erasedAt !== undefined && check.receivedAt.getTime() <= erasedAt.getTime();
  });
}
