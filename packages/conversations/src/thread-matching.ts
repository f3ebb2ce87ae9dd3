import type { Channel, ConversationStatus } from '@hub/events';
import { classifyThreadKeys, type ThreadedInteraction } from './thread-keys.ts';

/** A conversation the I/O layer found by the interaction's lookup keys or, for a call, by customer. */
export interface CandidateConversation {
  readonly conversationId: string;
  readonly status: ConversationStatus;
  readonly threadKeys: readonly string[];
  readonly lastActivityAt: Date;
  readonly channel: Channel;
  readonly customerId: string;
}

export interface MatchInput {
  readonly interaction: ThreadedInteraction;
  readonly candidates: readonly CandidateConversation[];
  /** How long after a conversation's last activity a call still joins it; 30 minutes by default. */
  readonly callWindowMs?: number;
}

export type ConversationMatch = { readonly kind: 'join'; readonly conversationId: string } | { readonly kind: 'open' };

export const DEFAULT_CALL_WINDOW_MS = 30 * 60_000;

const unresolved = (candidate: CandidateConversation): boolean => candidate.status !== 'resolved';

/** Of several, an unresolved one before a resolved one, then the most recently active, then by id. */
function best(candidates: readonly CandidateConversation[]): ConversationMatch | null {
  const [first] = [...candidates].sort(
    (a, b) =>
      Number(unresolved(b)) - Number(unresolved(a)) ||
      b.lastActivityAt.getTime() - a.lastActivityAt.getTime() ||
      a.conversationId.localeCompare(b.conversationId),
  );
  return first === undefined ? null : { kind: 'join', conversationId: first.conversationId };
}

const holdsAny = (candidate: CandidateConversation, keys: readonly string[]): boolean =>
  keys.some((key) => candidate.threadKeys.includes(key));

/**
 * Which conversation an interaction belongs to, strongest evidence first:
 * 1. an explicit reference (a reply to a message of it, or the same message again), whatever its
 *    status: a resolved conversation is joined (and reopens) only this way;
 * 2. the same chat, widget visitor, Messenger thread or post, if not resolved;
 * 3. for an email without In-Reply-To and References: the same customer's unresolved email
 *    conversation with the same normalised subject;
 * 4. for a call: the caller's unresolved conversation on any channel active within the window;
 * otherwise a new conversation.
 */
export function matchConversation(input: MatchInput): ConversationMatch {
  const { interaction, candidates } = input;
  const keys = classifyThreadKeys(interaction);
  const explicit = [...keys.own, ...keys.answers];
  const open = candidates.filter(unresolved);
  const sameCustomer = open.filter((candidate) => candidate.customerId === interaction.customerId);
  const { subject } = keys;
  const windowMs = input.callWindowMs ?? DEFAULT_CALL_WINDOW_MS;
  return (
    best(candidates.filter((candidate) => holdsAny(candidate, explicit))) ??
    best(open.filter((candidate) => holdsAny(candidate, keys.session))) ??
    (keys.subjectMayJoin && subject !== null
      ? best(sameCustomer.filter((candidate) => candidate.channel === 'email' && holdsAny(candidate, [subject])))
      : null) ??
    (keys.byCustomer
      ? best(
          sameCustomer.filter(
            (candidate) => interaction.occurredAt.getTime() - candidate.lastActivityAt.getTime() <= windowMs,
          ),
        )
      : null) ?? { kind: 'open' }
  );
}
