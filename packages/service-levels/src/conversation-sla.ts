import type { DomainEvent } from '@hub/events';
import { recordedBreachOf } from './sla-breach.ts';
import type { RecordedBreach } from './sla-clock.ts';
import { type ConversationSlaFacts, openSlaFacts, recordSlaFact } from './sla-facts.ts';
import type { ConversationRouting } from './sla-policy.ts';

/** What the SLA clock needs of one conversation, folded from its stream. */
export interface ConversationSla {
  readonly facts: ConversationSlaFacts;
  /** Which policy applies: the conversation's inbox and priority as they are now. */
  readonly routing: ConversationRouting;
  /** Its SlaBreached events, for `breachesToRecord`. */
  readonly recorded: readonly RecordedBreach[];
}

/**
 * Folds a conversation's events (its stream, in order) into SLA facts: inbound messages start a
 * wait, outbound ones (replies, logged calls) answer it, status changes and reopenings move the
 * resolution clock; internal notes, labels and assignments do not. Null before it was opened.
 */
export function conversationSlaOf(events: readonly DomainEvent[]): ConversationSla | null {
  let sla: { -readonly [K in keyof ConversationSla]: ConversationSla[K] } | null = null;
  for (const event of events) {
    if (event.type === 'ConversationOpened') {
      sla = {
        facts: openSlaFacts(event.data.conversationId, new Date(event.data.openedAt)),
        routing: { inboxId: event.data.inboxId, priority: 'none' },
        recorded: [],
      };
      continue;
    }
    if (!sla) continue;
    switch (event.type) {
      case 'ConversationMessageAdded':
        sla.facts = recordSlaFact(sla.facts, {
          kind: event.data.direction === 'inbound' ? 'inbound-message' : 'reply',
          at: new Date(event.data.occurredAt),
        });
        break;
      case 'ConversationStatusChanged':
        sla.facts = recordSlaFact(sla.facts, {
          kind: 'status-changed',
          at: new Date(event.data.at),
          status: event.data.status,
        });
        break;
      case 'ConversationReopened':
        sla.facts = recordSlaFact(sla.facts, { kind: 'status-changed', at: new Date(event.data.at), status: 'open' });
        break;
      case 'ConversationPriorityChanged':
        sla.routing = { ...sla.routing, priority: event.data.priority };
        break;
      case 'SlaBreached':
        sla.recorded = [...sla.recorded, recordedBreachOf(event.data)];
        break;
      default:
        break;
    }
  }
  return sla;
}
