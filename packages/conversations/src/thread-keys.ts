import type { Channel, InteractionDetails } from '@hub/events';
import { normaliseSubject } from './subject.ts';

/** An interaction as thread matching sees it: the recorded event's facts. */
export interface ThreadedInteraction {
  readonly customerId: string;
  readonly occurredAt: Date;
  /** Erased details carry no keys: such an interaction can only open a conversation. */
  readonly details: InteractionDetails | { readonly channel: Channel; readonly erased: true };
}

/**
 * The keys of one interaction, by how strongly they tie it to a thread:
 * - `own`: the message itself (its Message-ID, Telegram message, Meta comment, call); indexed so
 *   that answers to it find the conversation, and looked up so a message seen twice lands once;
 * - `answers`: the messages it replies to (In-Reply-To, References, a quoted message, the parent
 *   comment, the parent call leg): explicit, so they may join and reopen a resolved conversation;
 * - `session`: the chat, widget visitor, Messenger thread or post it belongs to: joins an
 *   unresolved conversation only;
 * - `subject`: a header-less email's customer and normalised subject: the weakest, unresolved only.
 */
export interface ClassifiedThreadKeys {
  readonly own: readonly string[];
  readonly answers: readonly string[];
  readonly session: readonly string[];
  /** The subject key to index (every email with a subject has one). */
  readonly subject: string | null;
  /** Whether `subject` may be used to find a conversation: only without reply headers. */
  readonly subjectMayJoin: boolean;
  /** A call finds the caller's recent conversations by customer, not by key. */
  readonly byCustomer: boolean;
}

/** Key builders, so the writer and the outbox index our own replies with the same spelling. */
export const threadKey = {
  email: (messageId: string): string => `email:${messageId.trim().replace(/^<|>$/g, '')}`,
  emailSubject: (customerId: string, subject: string): string => `subject:${customerId}:${normaliseSubject(subject)}`,
  widget: (visitorId: string): string => `widget:${visitorId}`,
  telegramChat: (chatId: string): string => `telegram:${chatId}`,
  telegramGroupMember: (chatId: string, customerId: string): string => `telegram:${chatId}:${customerId}`,
  telegramMessage: (chatId: string, messageId: string): string => `telegram-message:${chatId}:${messageId}`,
  metaObject: (objectId: string): string => `meta:${objectId}`,
  metaThread: (platform: string, pageId: string | null, customerId: string): string =>
    `meta-thread:${platform}:${pageId ?? '-'}:${customerId}`,
  metaPost: (postId: string, customerId: string): string => `meta-post:${postId}:${customerId}`,
  call: (callId: string): string => `call:${callId}`,
} as const;

/** Every `<id>` in a header value; a bare value is one id. */
const messageIdsIn = (value: string): string[] => {
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map(([, id = '']) => id);
  const bare = value.trim();
  return bracketed.length > 0 ? bracketed : bare === '' ? [] : [bare];
};

const NONE: ClassifiedThreadKeys = {
  own: [],
  answers: [],
  session: [],
  subject: null,
  subjectMayJoin: false,
  byCustomer: false,
};

export function classifyThreadKeys(interaction: ThreadedInteraction): ClassifiedThreadKeys {
  const { details, customerId } = interaction;
  if ('erased' in details) return NONE;
  switch (details.channel) {
    case 'email': {
      const answers = [details.inReplyTo ?? '', ...details.references].flatMap(messageIdsIn).map(threadKey.email);
      const subject =
        normaliseSubject(details.subject) === '' ? null : threadKey.emailSubject(customerId, details.subject);
      return {
        ...NONE,
        own: details.messageId === null ? [] : messageIdsIn(details.messageId).map(threadKey.email),
        answers: [...new Set(answers)],
        subject,
        subjectMayJoin: answers.length === 0,
      };
    }
    case 'chat': {
      if (details.platform === 'widget') return { ...NONE, session: [threadKey.widget(details.chatId)] };
      // In a group every member is a customer of their own: one conversation each.
      const shared = details.chatType !== null && details.chatType !== 'private';
      return {
        ...NONE,
        own: [threadKey.telegramMessage(details.chatId, details.messageId)],
        answers:
          details.replyToMessageId === null
            ? []
            : [threadKey.telegramMessage(details.chatId, details.replyToMessageId)],
        session: [
          shared ? threadKey.telegramGroupMember(details.chatId, customerId) : threadKey.telegramChat(details.chatId),
        ],
      };
    }
    case 'social': {
      const direct = details.platform === 'messenger' || details.platform === 'instagram-direct';
      const session = direct
        ? [threadKey.metaThread(details.platform, details.pageId, customerId)]
        : details.postId === null
          ? []
          : [threadKey.metaPost(details.postId, customerId)];
      return {
        ...NONE,
        own: [threadKey.metaObject(details.objectId)],
        answers: details.parentId === null ? [] : [threadKey.metaObject(details.parentId)],
        session,
      };
    }
    case 'phone':
      return {
        ...NONE,
        own: [threadKey.call(details.callId)],
        answers: details.parentCallId === null ? [] : [threadKey.call(details.parentCallId)],
        byCustomer: true,
      };
    case 'webform':
    case 'generic':
      // A form submission or an external system's record is a new request each time.
      return NONE;
    default:
      return details satisfies never;
  }
}

/**
 * The keys to store with the conversation the interaction lands in (`index`), the keys to find
 * candidate conversations by (`lookup`), and whether the caller's recent conversations are
 * candidates too (`byCustomer`, for calls).
 */
export function threadKeysOf(interaction: ThreadedInteraction): {
  readonly index: readonly string[];
  readonly lookup: readonly string[];
  readonly byCustomer: boolean;
} {
  const keys = classifyThreadKeys(interaction);
  const subject = keys.subject === null ? [] : [keys.subject];
  return {
    index: [...new Set([...keys.own, ...keys.session, ...subject])],
    lookup: [...new Set([...keys.own, ...keys.answers, ...keys.session, ...(keys.subjectMayJoin ? subject : [])])],
    byCustomer: keys.byCustomer,
  };
}
