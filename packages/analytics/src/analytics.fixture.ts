import { randomUUID } from 'node:crypto';
import type { EventStore } from '@hub/event-store';
import {
  type Channel,
  conversationStream,
  customerStream,
  type DomainEvent,
  encodeEvent,
  SERVICE_LEVEL_SETTINGS_STREAM,
} from '@hub/events';

// A small history for the analytics tests, appended to a real store with a clock the test moves
// (each event is recorded when it happened, so `asOf` cuts the history where a test says).

export const at = (day: 'Mon' | 'Tue', time: string) => new Date(`2026-03-0${day === 'Mon' ? 2 : 3}T${time}:00Z`);

export function historyWriter(store: EventStore, clock: { now: Date }) {
  async function append(streamId: string, when: Date, event: DomainEvent) {
    clock.now = when;
    await store.appendToStream(streamId, [encodeEvent(event, { id: randomUUID(), occurredAt: when })]);
  }
  const system = { kind: 'system', process: 'test' } as const;
  const agent = (userId: string) => ({ kind: 'agent', userId }) as const;
  const conversation = (id: string) => ({
    open: (when: Date, channel: Channel, inboxId: string, customerId: string) =>
      append(conversationStream(id), when, {
        type: 'ConversationOpened',
        data: {
          conversationId: id,
          customerId,
          channel,
          inboxId,
          subject: null,
          threadKeys: [],
          openedBy: `${id}-first`,
          openedAt: when.toISOString(),
          actor: { kind: 'customer' },
        },
      }),
    message: async (when: Date, direction: 'inbound' | 'outbound', channel: Channel, by?: string) =>
      append(conversationStream(id), when, {
        type: 'ConversationMessageAdded',
        data: {
          conversationId: id,
          interactionId: randomUUID(),
          direction,
          channel,
          occurredAt: when.toISOString(),
          threadKeys: [],
          actor: direction === 'inbound' ? { kind: 'customer' } : by ? agent(by) : system,
        },
      }),
    assign: (when: Date, agentId: string | null, teamId: string | null) =>
      append(conversationStream(id), when, {
        type: 'ConversationAssigned',
        data: {
          conversationId: id,
          agentId,
          teamId,
          previousAgentId: null,
          previousTeamId: null,
          kind: 'assignment',
          actor: system,
          at: when.toISOString(),
        },
      }),
    resolve: (when: Date) =>
      append(conversationStream(id), when, {
        type: 'ConversationStatusChanged',
        data: {
          conversationId: id,
          status: 'resolved',
          snoozedUntil: null,
          actor: system,
          reason: null,
          at: when.toISOString(),
        },
      }),
    reopen: (when: Date) =>
      append(conversationStream(id), when, {
        type: 'ConversationReopened',
        data: {
          conversationId: id,
          from: 'resolved',
          reason: 'inbound-message',
          interactionId: null,
          actor: { kind: 'customer' },
          at: when.toISOString(),
        },
      }),
    csatRequested: (when: Date, channel: Channel) =>
      append(conversationStream(id), when, {
        type: 'CsatRequested',
        data: { conversationId: id, channel, actor: system, at: when.toISOString() },
      }),
    csatRecorded: (when: Date, rating: number) =>
      append(conversationStream(id), when, {
        type: 'CsatRecorded',
        data: { conversationId: id, rating, comment: null, actor: { kind: 'customer' }, at: when.toISOString() },
      }),
    breached: (when: Date, target: 'first-response' | 'next-response' | 'resolution', dueAt: Date) =>
      append(conversationStream(id), when, {
        type: 'SlaBreached',
        data: {
          conversationId: id,
          policyId: 'standard',
          target,
          dueAt: dueAt.toISOString(),
          breachedAt: when.toISOString(),
        },
      }),
  });
  const day = [{ start: '09:00', end: '17:00' }];
  return {
    append,
    conversation,
    /** Monday to Friday 09:00-17:00 UTC; first response 30, next 60, resolution 480 business minutes. */
    settings: async (when: Date) => {
      await append(SERVICE_LEVEL_SETTINGS_STREAM, when, {
        type: 'BusinessCalendarSaved',
        data: {
          calendar: { id: 'office', timeZone: 'UTC', workingHours: [[], day, day, day, day, day, []], holidays: [] },
          actor: system,
          at: when.toISOString(),
        },
      });
      await append(SERVICE_LEVEL_SETTINGS_STREAM, when, {
        type: 'SlaPolicySaved',
        data: {
          policy: {
            id: 'standard',
            name: 'Standard',
            calendarId: 'office',
            appliesTo: { inboxIds: [], priorities: [] },
            targets: { firstResponse: 30, nextResponse: 60, resolution: 480 },
          },
          actor: system,
          at: when.toISOString(),
        },
      });
    },
    /**
     * A customer's inbound contact on a channel. Appended as the raw store holds a sealed one: the
     * channel beside the sealed details, which this projection never opens.
     */
    contact: async (
      when: Date,
      customerId: string,
      channel: 'email' | 'chat' | 'phone',
      interactionId = randomUUID(),
    ) => {
      clock.now = when;
      await store.appendToStream(customerStream(customerId), [
        {
          id: randomUUID(),
          occurredAt: when,
          type: 'InteractionRecorded',
          schemaVersion: 1,
          data: { interactionId, customerId, direction: 'inbound', conversationId: randomUUID(), details: { channel } },
        },
      ]);
      return interactionId;
    },
    customerEvent: (when: Date, customerId: string, event: DomainEvent) =>
      append(customerStream(customerId), when, event),
  };
}
