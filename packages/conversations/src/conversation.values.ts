import { HubError } from '@hub/errors';
import { type ConversationPriority, conversationPriorities } from '@hub/events';

// Checks of the values a command brings. Refusals are INVALID_INPUT: the value is wrong whatever
// the conversation's state.

const LABEL = /^[\p{L}\p{N}_:.-]{1,64}$/u;

/** Labels are one word, case-folded, so `VIP` and `vip` are one label. */
export function normaliseLabel(label: string): string {
  const folded = label.trim().toLowerCase();
  if (!LABEL.test(folded)) {
    throw new HubError('INVALID_INPUT', 'a label is 1 to 64 letters, digits or _ : . - (no spaces)', { label });
  }
  return folded;
}

export function requireInstant(value: Date, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new HubError('INVALID_INPUT', `${field} is not a valid time`, { field });
  }
  return value.toISOString();
}

export function requirePriority(priority: string): ConversationPriority {
  const known = conversationPriorities.find((candidate) => candidate === priority);
  if (known === undefined) {
    throw new HubError('INVALID_INPUT', `priority must be one of ${conversationPriorities.join(', ')}`, { priority });
  }
  return known;
}

export function requireOptionalId(value: string | null, field: string): string | null {
  if (value !== null && (typeof value !== 'string' || value.trim() === '' || value.length > 128)) {
    throw new HubError('INVALID_INPUT', `${field} must be null or an id of 1 to 128 characters`, { field });
  }
  return value;
}

export const NOTE_MAX_LENGTH = 10_000;
export const CSAT_COMMENT_MAX_LENGTH = 2000;
