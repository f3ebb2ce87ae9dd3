import type { Actor } from '@hub/events';
import type { AttachInbound, AttachOutbound, ConversationEvent } from './conversation.commands.ts';

// Shared facts of the decider tests: one customer writing to one inbox, one agent answering.

export const conversationId = 'c0a80121-0000-4000-8000-000000000001';
export const customerId = '0b5c0a4e-6f1e-4a57-9b0e-3f5b7f1d2c11';
export const inboxId = 'support-email';
export const sara: Actor = { kind: 'agent', userId: 'user-sara' };
export const reza: Actor = { kind: 'agent', userId: 'user-reza' };
export const customer: Actor = { kind: 'customer' };
export const router: Actor = { kind: 'system', process: 'auto-assignment' };

export const at = (time: string): Date => new Date(`2026-12-05T${time}Z`);
export const iso = (time: string): string => at(time).toISOString();

export const inbound = (interactionId: string, time: string, now = time): AttachInbound => ({
  kind: 'AttachInbound',
  conversationId,
  customerId,
  inboxId,
  subject: 'Order 1001 arrived broken',
  message: {
    interactionId,
    channel: 'email',
    occurredAt: at(time),
    threadKeys: [`email:${interactionId}@mail.example`],
  },
  now: at(now),
});

export const outbound = (interactionId: string, time: string): AttachOutbound => ({
  kind: 'AttachOutbound',
  conversationId,
  customerId,
  inboxId,
  subject: 'Re: Order 1001 arrived broken',
  message: {
    interactionId,
    channel: 'email',
    occurredAt: at(time),
    threadKeys: [`email:${interactionId}@hub.example`],
  },
  actor: sara,
  now: at(time),
});

export const opened = (interactionId = 'in-1', time = '09:00:00'): ConversationEvent[] => [
  {
    type: 'ConversationOpened',
    data: {
      conversationId,
      customerId,
      channel: 'email',
      inboxId,
      subject: 'Order 1001 arrived broken',
      threadKeys: [`email:${interactionId}@mail.example`],
      openedBy: interactionId,
      openedAt: iso(time),
      actor: customer,
    },
  },
  messageAdded(interactionId, 'inbound', time),
];

export const messageAdded = (
  interactionId: string,
  direction: 'inbound' | 'outbound',
  time: string,
): ConversationEvent => ({
  type: 'ConversationMessageAdded',
  data: {
    conversationId,
    interactionId,
    direction,
    channel: 'email',
    occurredAt: iso(time),
    threadKeys: [`email:${interactionId}@${direction === 'inbound' ? 'mail' : 'hub'}.example`],
    actor: direction === 'inbound' ? customer : sara,
  },
});

export const statusChanged = (
  status: 'open' | 'pending' | 'snoozed' | 'resolved',
  time: string,
  snoozedUntil: string | null = null,
): ConversationEvent => ({
  type: 'ConversationStatusChanged',
  data: { conversationId, status, snoozedUntil, actor: sara, reason: null, at: iso(time) },
});
