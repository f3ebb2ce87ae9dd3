// The load of `pnpm bench:agent`: what the writer and the conversation linker append for email
// threads of many customers, and what agents then do to the conversations, made with the real
// event codec and the conversation decider, with the ids the writer and the linker derive (so a
// projection that replays them appends nothing twice).
import { type ConversationCommand, conversationDecider, threadKeysOf } from '@hub/conversations';
import type { StreamAppend } from '@hub/event-store';
import { conversationStream, customerStream, type DomainEvent, type EventToAppend, encodeEvent } from '@hub/events';
import { conversationId as threadConversationId, uuidV5 } from '@hub/interactions';
import { PERSONAL_DATA_OF } from '@hub/personal-data';

export const AGENTS = 20;
export const TEAMS = 4;
export const LABELS = ['vip', 'refund', 'delivery'] as const;
export const agentId = (n: number) => uuidV5(`bench-agent:${n % AGENTS}`);
export const teamId = (n: number) => `team-${n % TEAMS}`;
export const customerId = (c: number) => uuidV5(`bench-customer:${c}`);
export const emailOf = (c: number) => `customer-${c}@bench.example`;
/** Every customer's mobile number, E.164: +98 912 and seven digits of the customer's number. */
export const phoneOf = (c: number) => `+98912${String(c).padStart(7, '0')}`;

const PERSIAN_GIVEN = [
  'علی',
  'فاطمه',
  'محمد',
  'زهرا',
  'حسین',
  'مریم',
  'رضا',
  'سارا',
  'مهدی',
  'نرگس',
  'امیر',
  'لیلا',
  'حمید',
  'کیانا',
  'یاسمن',
  'کاوه',
  'پریسا',
  'بهنام',
  'شیرین',
  'آرش',
];
const PERSIAN_FAMILY = [
  'کریمی',
  'رضایی',
  'محمدی',
  'حسینی',
  'احمدی',
  'موسوی',
  'کاظمی',
  'یزدانی',
  'قاسمی',
  'نیک‌نام',
  'فراهانی',
  'شیرازی',
  'تهرانی',
  'کرمانی',
  'اکبری',
  'جعفری',
  'رحیمی',
  'صادقی',
  'هاشمی',
  'بیگی',
];
const LATIN_GIVEN = [
  'Ali',
  'Sara',
  'John',
  'Maria',
  'Reza',
  'Emma',
  'Omid',
  'Laura',
  'Daniel',
  'Nina',
  'Peter',
  'Leila',
  'Kevin',
  'Sophie',
  'Arash',
  'Julia',
  'Thomas',
  'Mina',
  'Lucas',
  'Anna',
];
const LATIN_FAMILY = [
  'Miller',
  'Karimi',
  'Schmidt',
  'Rezaei',
  'Garcia',
  'Novak',
  'Tehrani',
  'Rossi',
  'Dubois',
  'Jansen',
  'Ahmadi',
  'Larsen',
  'Silva',
  'Kowalski',
  'Moretti',
  'Hosseini',
  'Fischer',
  'Yilmaz',
  'Berg',
  'Walsh',
];

/** A small deterministic generator, so runs load the same history. */
const pick = (c: number, salt: number, modulo: number) => {
  let x = (c * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) % modulo;
};

/** Customer `c`'s name: Persian for two in three customers, Latin for the others (400 of each kind). */
export const nameOf = (c: number): string =>
  pick(c, 8, 3) < 2
    ? `${PERSIAN_GIVEN[pick(c, 9, 20)]} ${PERSIAN_FAMILY[pick(c, 10, 20)]}`
    : `${LATIN_GIVEN[pick(c, 9, 20)]} ${LATIN_FAMILY[pick(c, 10, 20)]}`;

/** What customers write about: the product of each thread. */
export const PRODUCTS = [
  'یخچال',
  'لباسشویی',
  'جاروبرقی',
  'تلویزیون',
  'Galaxy',
  'iPhone',
  'MacBook',
  'ThinkPad',
  'کولر',
  'اتو',
  'مایکروویو',
  'Kindle',
  'PlayStation',
  'هدفون',
  'ساعت',
  'دوربین',
  'پرینتر',
  'مودم',
  'بخاری',
  'چای‌ساز',
];
const COMPLAINTS = [
  'را دو هفته پیش ثبت کردم و هنوز ارسال نشده است',
  'آسیب دیده به دستم رسید',
  'اشتباه ارسال شده است',
  'فاکتور ندارد',
  'روشن نمی‌شود',
];
/** The reference customers quote for thread `t`: found by message search. */
export const orderOf = (c: number, t: number) => `SO-${c}-${t}`;

const START = Date.UTC(2026, 0, 1);
const LINKER = 'conversation-linker';

interface Message {
  readonly interactionId: string;
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly subject: string;
  readonly occurredAt: Date;
}

/**
 * One customer's history: registered on the first email (its address, and the phone in its
 * signature), two email threads (the first with a reply), then what agents did to each
 * conversation. `appends` go to the store as one batch entry each, in this order (the customer's
 * stream first, as the writer commits it before the linker reads it). Counts: 6 customer events,
 * 5 conversation events from the linker, 0-4 agent events per conversation.
 */
export interface LinkedConversation {
  readonly conversationId: string;
  readonly customerId: string;
  readonly lastActivityAt: Date;
  /** The thread keys the linker indexes for it, in clear. */
  readonly threadKeys: readonly string[];
}

export function customerHistory(c: number): { appends: StreamAppend[]; linked: LinkedConversation[] } {
  const customer = customerId(c);
  const base = START + c * 60_000;
  const message = (thread: number, n: number, minutes: number): Message => ({
    interactionId: uuidV5(`bench-interaction:${c}:${thread}:${n}`),
    messageId: `<c${c}.t${thread}.m${n}@mail.bench.example>`,
    inReplyTo: n > 0 ? `<c${c}.t${thread}.m${n - 1}@mail.bench.example>` : null,
    subject: `${n > 0 ? 'Re: ' : ''}${PRODUCTS[pick(c * 2 + thread, 11, PRODUCTS.length)]} ${orderOf(c, thread)}`,
    occurredAt: new Date(base + minutes * 60_000),
  });
  const threads: Message[][] = [[message(0, 0, 0), message(0, 1, 90)], [message(1, 0, 3 * 24 * 60)]];
  const details = (m: Message) => ({
    channel: 'email' as const,
    messageId: m.messageId,
    subject: m.subject,
    from: emailOf(c),
    to: ['support@hub.example'],
    cc: [],
    inReplyTo: m.inReplyTo,
    references: m.inReplyTo ? [m.inReplyTo] : [],
    attachments: [],
    attachmentsNotStored: [],
    autoReply: false,
    bounce: false,
    bouncedRecipients: [],
    defects: [],
  });

  // The writer's events (services/timeline-writer interactionEvents): ids from the interaction.
  const own: EventToAppend[] = [];
  const recordedIdOf = new Map<string, string>();
  const ownEvent = (m: Message, event: DomainEvent) => {
    const id = uuidV5(`${m.interactionId}:${event.type}:0`);
    if (event.type === 'InteractionRecorded') recordedIdOf.set(m.interactionId, id);
    own.push(
      encodeEvent(event, {
        id,
        occurredAt: m.occurredAt,
        correlationId: m.interactionId,
        metadata: { [PERSONAL_DATA_OF]: customer, channel: 'email' },
      }),
    );
  };
  const first = threads[0]?.[0] as Message;
  ownEvent(first, {
    type: 'CustomerRegistered',
    data: { customerId: customer, displayName: nameOf(c), firstChannel: 'email' },
  });
  ownEvent(first, {
    type: 'CustomerIdentifierLinked',
    data: {
      customerId: customer,
      identifier: { kind: 'email', value: emailOf(c) },
      interactionId: first.interactionId,
    },
  });
  // The phone the customer gave in the first email's signature; the writer's second link of it.
  own.push(
    encodeEvent(
      {
        type: 'CustomerIdentifierLinked',
        data: {
          customerId: customer,
          identifier: { kind: 'phone', value: phoneOf(c) },
          interactionId: first.interactionId,
        },
      },
      {
        id: uuidV5(`${first.interactionId}:CustomerIdentifierLinked:1`),
        occurredAt: first.occurredAt,
        correlationId: first.interactionId,
        metadata: { [PERSONAL_DATA_OF]: customer, channel: 'email' },
      },
    ),
  );
  const conversations: StreamAppend[] = [];
  const linked: LinkedConversation[] = [];
  for (const [t, thread] of threads.entries()) {
    const k = c * 2 + t;
    const opener = thread[0] as Message;
    const conversation = uuidV5(`conversation-opened-by:${opener.interactionId}`);
    let state = conversationDecider.initialState;
    const threadKeys: string[] = [];
    const events: EventToAppend[] = [];
    const decide = (
      command: ConversationCommand,
      context: (index: number) => Omit<EventToAppend, 'type' | 'schemaVersion' | 'data'>,
    ) => {
      const decided = conversationDecider.decide(command, state);
      for (const [index, event] of decided.entries()) {
        events.push(encodeEvent(event, context(index)));
        state = conversationDecider.evolve(state, event);
      }
    };
    for (const m of thread) {
      ownEvent(m, {
        type: 'InteractionRecorded',
        data: {
          interactionId: m.interactionId,
          customerId: customer,
          direction: 'inbound',
          conversationId: threadConversationId('email', opener.messageId),
          contact: { kind: 'email', value: emailOf(c) },
          summary: m.subject,
          text: `سلام، ${PRODUCTS[pick(k, 11, PRODUCTS.length)]} سفارش ${orderOf(c, t)} ${COMPLAINTS[pick(k, 12, COMPLAINTS.length)]}. لطفاً وضعیت را اعلام کنید. ${nameOf(c)}، ${phoneOf(c)}`,
          html: null,
          details: details(m),
        },
      });
      // The linker's command and event context (services/agent-workspace conversationLinker).
      const keys = threadKeysOf({ customerId: customer, occurredAt: m.occurredAt, details: details(m) });
      threadKeys.push(...keys.index);
      decide(
        {
          kind: 'AttachInbound',
          conversationId: conversation,
          customerId: customer,
          inboxId: 'email',
          subject: m.subject,
          message: {
            interactionId: m.interactionId,
            channel: 'email',
            occurredAt: m.occurredAt,
            threadKeys: keys.index,
          },
          now: new Date(m.occurredAt.getTime() + 200),
        },
        (index) => ({
          id: uuidV5(`${LINKER}:${m.interactionId}:${conversation}:${index}`),
          occurredAt: m.occurredAt,
          causationId: recordedIdOf.get(m.interactionId) ?? null,
          metadata: { [PERSONAL_DATA_OF]: customer },
        }),
      );
    }
    // What agents did, an hour or more after the last message.
    const actor = { kind: 'agent' as const, userId: agentId(pick(k, 1, AGENTS)) };
    let at = (thread.at(-1) as Message).occurredAt.getTime() + 60 * 60_000;
    const agentDoes = (command: ConversationCommand) => {
      at += 5 * 60_000;
      const when = new Date(at);
      decide({ ...command, now: when } as ConversationCommand, (index) => ({
        id: uuidV5(`bench-agent-action:${conversation}:${events.length}:${index}`),
        occurredAt: when,
        metadata: { [PERSONAL_DATA_OF]: customer },
      }));
    };
    const now = new Date(0);
    if (pick(k, 2, 10) < 7)
      agentDoes({ kind: 'Assign', agentId: actor.userId, teamId: teamId(pick(k, 3, TEAMS)), actor, now });
    if (pick(k, 4, 10) < 3)
      agentDoes({ kind: 'AddLabel', label: LABELS[pick(k, 5, LABELS.length)] as string, actor, now });
    if (pick(k, 6, 10) < 2) agentDoes({ kind: 'SetPriority', priority: 'high', actor, now });
    const status = pick(k, 7, 10);
    if (status < 4) agentDoes({ kind: 'ChangeStatus', status: 'resolved', reason: null, actor, now });
    else if (status < 5) agentDoes({ kind: 'ChangeStatus', status: 'pending', reason: null, actor, now });
    conversations.push({ streamId: conversationStream(conversation), events });
    linked.push({
      conversationId: conversation,
      customerId: customer,
      lastActivityAt: (thread.at(-1) as Message).occurredAt,
      threadKeys: [...new Set(threadKeys)],
    });
  }
  return { appends: [{ streamId: customerStream(customer), events: own }, ...conversations], linked };
}
