// The history `pnpm bench:replay` replays: customers on five channels, their conversations with
// agents' replies, assignments, resolutions, reopens and ratings, and their orders and refunds,
// made with the real event codec and the conversation decider, with the ids the writer and the
// linker derive. Deterministic: the same `c` always gives the same events.
import { type ConversationCommand, conversationDecider } from '@hub/conversations';
import type { StreamAppend } from '@hub/event-store';
import {
  type Channel,
  conversationStream,
  customerStream,
  type DomainEvent,
  type EventToAppend,
  encodeEvent,
} from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import { agentId, customerId, emailOf, nameOf, phoneOf, teamId } from './agent-load.ts';

/** A small deterministic generator, so runs load the same history. */
export const pick = (c: number, salt: number, modulo: number) => {
  let x = (c * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) % modulo;
};

const START = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const CHANNELS: readonly Channel[] = ['email', 'chat', 'phone', 'social', 'webform'];

/** Customer `c`'s orders and refunds, as the commerce API appends them (none when not given). */
export type OrderHistory = (c: number, customer: string, firstContact: Date) => StreamAppend[];

const detailsOf = (channel: Channel, c: number, id: string) => {
  switch (channel) {
    case 'email':
      return {
        channel,
        messageId: `<${id}@mail.bench.example>`,
        subject: `Order ${c}`,
        from: emailOf(c),
        to: ['support@hub.example'],
        cc: [],
        inReplyTo: null,
        references: [],
        attachments: [],
        attachmentsNotStored: [],
        autoReply: false,
        bounce: false,
        bouncedRecipients: [],
        defects: [],
      };
    case 'chat':
      return { channel, platform: 'widget', chatId: `visitor-${c}`, messageId: id };
    case 'phone':
      return {
        channel,
        source: 'generic',
        callId: id,
        from: phoneOf(c),
        to: '+982100000000',
        outcome: 'answered',
        durationSeconds: 60 + pick(c, 31, 600),
        recordingUrl: null,
        agentExtension: null,
      };
    case 'social':
      return {
        channel,
        platform: pick(c, 32, 2) === 0 ? 'instagram' : 'facebook-feed',
        objectId: id,
        parentId: null,
        postId: `post-${pick(c, 33, 12)}`,
        pageId: 'page-1',
      };
    default:
      return {
        channel: 'webform',
        formId: 'contact',
        fields: { message: 'Where is my order?' },
        attachments: [],
      };
  }
};

/**
 * Customer `c`: registered on the first contact (email, then the phone), two conversations on
 * their usual channel and another, each with an agent's reply, an assignment and a resolution;
 * one in three writes again after the resolution (a reopen, a second reply, resolved again); half
 * of the resolved rate the service. Then `orders`.
 */
export function replayHistory(c: number, orders?: OrderHistory): StreamAppend[] {
  const customer = customerId(c);
  const base = new Date(START + pick(c, 1, 330) * 24 * HOUR + pick(c, 2, 24) * HOUR);
  const own: EventToAppend[] = [];
  const personal = { [PERSONAL_DATA_OF]: customer };
  const ownEvent = (interactionId: string, channel: Channel, at: Date, event: DomainEvent, n = 0) =>
    own.push(
      encodeEvent(event, {
        id: uuidV5(`${interactionId}:${event.type}:${n}`),
        occurredAt: at,
        correlationId: interactionId,
        metadata: { ...personal, channel },
      }),
    );
  const usual = CHANNELS[c % CHANNELS.length] as Channel;
  const other = CHANNELS[(c + 1 + pick(c, 3, 4)) % CHANNELS.length] as Channel;
  const firstId = uuidV5(`replay-interaction:${c}:0:0`);
  ownEvent(firstId, usual, base, {
    type: 'CustomerRegistered',
    data: { customerId: customer, displayName: nameOf(c), firstChannel: usual },
  });
  ownEvent(firstId, usual, base, {
    type: 'CustomerIdentifierLinked',
    data: { customerId: customer, identifier: { kind: 'email', value: emailOf(c) }, interactionId: firstId },
  });
  ownEvent(
    firstId,
    usual,
    base,
    {
      type: 'CustomerIdentifierLinked',
      data: { customerId: customer, identifier: { kind: 'phone', value: phoneOf(c) }, interactionId: firstId },
    },
    1,
  );

  const conversations: StreamAppend[] = [];
  for (const [t, channel] of [usual, other].entries()) {
    const k = c * 2 + t;
    const opened = new Date(base.getTime() + t * (5 + pick(k, 4, 40)) * 24 * HOUR);
    const conversation = uuidV5(`replay-conversation:${c}:${t}`);
    const agent = { kind: 'agent' as const, userId: agentId(pick(k, 5, 20)) };
    let state = conversationDecider.initialState;
    const events: EventToAppend[] = [];
    let at = opened.getTime();
    let n = 0;
    const decide = (command: ConversationCommand) => {
      const when = new Date(at);
      for (const [index, event] of conversationDecider.decide(command, state).entries()) {
        events.push(
          encodeEvent(event, {
            id: uuidV5(`replay-conversation-event:${conversation}:${events.length}:${index}`),
            occurredAt: when,
            metadata: personal,
          }),
        );
        state = conversationDecider.evolve(state, event);
      }
    };
    const message = (direction: 'inbound' | 'outbound') => {
      const interactionId = uuidV5(`replay-interaction:${c}:${t}:${n++}`);
      const occurredAt = new Date(at);
      ownEvent(interactionId, channel, occurredAt, {
        type: 'InteractionRecorded',
        data: {
          interactionId,
          customerId: customer,
          direction,
          conversationId: `${channel}:replay-${c}-${t}`,
          contact: channel === 'phone' ? { kind: 'phone', value: phoneOf(c) } : { kind: 'email', value: emailOf(c) },
          summary: `Order ${c}`,
          text: direction === 'inbound' ? 'Where is my order?' : 'It ships today.',
          html: null,
          details: detailsOf(channel, c, interactionId),
        } as never,
      });
      const common = { conversationId: conversation, customerId: customer, inboxId: channel, subject: null };
      const msg = { interactionId, channel, occurredAt, threadKeys: [`replay:${c}:${t}`] };
      decide(
        direction === 'inbound'
          ? { kind: 'AttachInbound', ...common, message: msg, now: occurredAt }
          : { kind: 'AttachOutbound', ...common, message: msg, actor: agent, now: occurredAt },
      );
    };
    const later = (minutes: number) => {
      at += minutes * 60_000;
    };
    message('inbound');
    later(2 + pick(k, 6, 30));
    decide({ kind: 'Assign', agentId: agent.userId, teamId: teamId(pick(k, 7, 4)), actor: agent, now: new Date(at) });
    later(5 + pick(k, 8, 600));
    message('outbound');
    later(30 + pick(k, 9, 2000));
    decide({ kind: 'ChangeStatus', status: 'resolved', reason: null, actor: agent, now: new Date(at) });
    if (pick(k, 10, 3) === 0) {
      later(60 + pick(k, 11, 3000));
      message('inbound');
      later(5 + pick(k, 12, 300));
      message('outbound');
      later(10 + pick(k, 13, 300));
      decide({ kind: 'ChangeStatus', status: 'resolved', reason: null, actor: agent, now: new Date(at) });
    }
    if (pick(k, 14, 2) === 0) {
      later(1);
      decide({ kind: 'RequestCsat', actor: { kind: 'system', process: 'csat-requests' }, now: new Date(at) });
      later(30 + pick(k, 15, 600));
      decide({
        kind: 'RecordCsat',
        rating: 1 + pick(k, 16, 5),
        comment: null,
        actor: { kind: 'customer' },
        now: new Date(at),
      });
    }
    conversations.push({ streamId: conversationStream(conversation), events });
  }
  return [
    { streamId: customerStream(customer), events: own },
    ...conversations,
    ...(orders?.(c, customer, base) ?? []),
  ];
}
