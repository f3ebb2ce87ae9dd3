// What the SLA clock needs to know about a conversation, kept small enough for a read-model row
// and folded from the conversation's events by `recordSlaFact`.

export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/** A customer waiting for an answer: from the oldest unanswered inbound message until answered. */
export interface CustomerWait {
  readonly since: Date;
  /** A reply to the customer, or resolving the conversation, answers the wait; null while waiting. */
  readonly answeredAt: Date | null;
}

export interface StatusChange {
  readonly at: Date;
  readonly status: ConversationStatus;
}

export interface ConversationSlaFacts {
  readonly conversationId: string;
  /** The conversation is open from here until its first status change. */
  readonly openedAt: Date;
  /**
   * Oldest first. The first wait starts at the first inbound message and ends at the first reply:
   * the first-response target. Every later wait starts at the oldest inbound message after a reply:
   * a next-response target each. Kept whole so a checker that was down still sees a late answer.
   */
  readonly waits: readonly CustomerWait[];
  readonly statusChanges: readonly StatusChange[];
}

/** Something that happened to a conversation that moves its SLA clock. Internal notes do not. */
export type SlaFact =
  | { readonly kind: 'inbound-message'; readonly at: Date }
  | { readonly kind: 'reply'; readonly at: Date }
  | { readonly kind: 'status-changed'; readonly at: Date; readonly status: ConversationStatus };

export const openSlaFacts = (conversationId: string, openedAt: Date): ConversationSlaFacts => ({
  conversationId,
  openedAt,
  waits: [],
  statusChanges: [],
});

const answerLastWait = (waits: readonly CustomerWait[], at: Date): readonly CustomerWait[] => {
  const last = waits.at(-1);
  if (!last || last.answeredAt !== null) return waits;
  return [...waits.slice(0, -1), { since: last.since, answeredAt: at }];
};

/** Folds one fact; facts arrive in the order they happened. */
export function recordSlaFact(facts: ConversationSlaFacts, fact: SlaFact): ConversationSlaFacts {
  switch (fact.kind) {
    case 'inbound-message': {
      const last = facts.waits.at(-1);
      if (last && last.answeredAt === null) return facts;
      return { ...facts, waits: [...facts.waits, { since: fact.at, answeredAt: null }] };
    }
    case 'reply':
      return { ...facts, waits: answerLastWait(facts.waits, fact.at) };
    case 'status-changed': {
      const statusChanges = [...facts.statusChanges, { at: fact.at, status: fact.status }];
      // Resolving fulfils the response targets, as in Zendesk: nobody owes an answer any more.
      const waits = fact.status === 'resolved' ? answerLastWait(facts.waits, fact.at) : facts.waits;
      return { ...facts, statusChanges, waits };
    }
    default:
      return fact satisfies never;
  }
}
