import { HubError } from '@hub/errors';
import type { InteractionDetails, ReplyChannel } from '@hub/events';

/** The customer's last message in a conversation, as the timeline read model holds it. */
export interface LastInbound {
  readonly details: InteractionDetails | { readonly channel: string; readonly erased: true };
  readonly contact: { readonly kind: string; readonly value: string };
  readonly subject: string | null;
}

export interface ReplyAddress {
  readonly channel: ReplyChannel;
  readonly recipient: string;
  readonly subject: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

const cannot = (detail: string) => new HubError('CONVERSATION_CONFLICT', detail);
const withoutNetwork = (handle: string) => handle.slice(handle.indexOf(':') + 1);
const reSubject = (subject: string | null) =>
  subject === null || subject.trim() === ''
    ? 'Re:'
    : /^re:/i.test(subject.trim())
      ? subject.trim()
      : `Re: ${subject.trim()}`;
const byEmail = (address: string, subject: string | null): ReplyAddress => ({
  channel: 'email',
  recipient: address,
  subject: reSubject(subject),
  inReplyTo: null,
  references: [],
});

/**
 * Where a reply to the customer's last message goes, on the channel it came by: the email's
 * sender, threaded (In-Reply-To its Message-ID, References the chain), the Telegram chat, the
 * widget visitor, the Messenger sender, the comment (on a Page or on Instagram), the caller. A
 * form or an external system's record is answered by email when the customer gave one.
 */
export function replyAddress(last: LastInbound): ReplyAddress {
  const { details, contact } = last;
  if ('erased' in details) throw cannot('the customer was erased: there is nobody to reply to');
  switch (details.channel) {
    case 'email': {
      const messageId = details.messageId;
      return {
        channel: 'email',
        recipient: contact.kind === 'email' ? contact.value : details.from,
        subject: reSubject(details.subject),
        inReplyTo: messageId,
        references: [...details.references, ...(messageId ? [messageId] : [])],
      };
    }
    case 'chat':
      return details.platform === 'telegram'
        ? {
            channel: 'telegram',
            recipient: details.chatId,
            subject: null,
            inReplyTo: details.messageId,
            references: [],
          }
        : { channel: 'widget', recipient: details.chatId, subject: null, inReplyTo: null, references: [] };
    case 'social':
      if (details.platform === 'messenger' || details.platform === 'instagram-direct') {
        if (contact.kind !== 'handle') throw cannot('the sender of this message is not known');
        return {
          channel: 'messenger',
          recipient: withoutNetwork(contact.value),
          subject: null,
          inReplyTo: null,
          references: [],
        };
      }
      return {
        channel: details.platform === 'instagram' ? 'instagram_comment' : 'page_comment',
        recipient: details.objectId,
        subject: null,
        inReplyTo: null,
        references: [],
      };
    case 'phone':
      return {
        channel: 'phone',
        recipient: details.customerNumber ?? contact.value,
        subject: null,
        inReplyTo: null,
        references: [],
      };
    case 'webform':
    case 'generic':
      if (contact.kind === 'email') return byEmail(contact.value, last.subject);
      throw cannot(`a ${details.channel} message without an email address cannot be answered on its channel`);
    default:
      return details satisfies never;
  }
}

/** The channels a reply may take instead of the conversation's own: chats and email, not comments or calls. */
const switchable: ReadonlySet<ReplyChannel> = new Set(['email', 'telegram', 'widget', 'messenger']);

/**
 * Where a reply in this conversation may go: first its own channel (`own`, as `replyAddress` has
 * it), then the customer's other ways in, newest first: a chat or Messenger conversation they wrote
 * from (`elsewhere`, their last message on each), and email, unthreaded (a new message to the
 * address, not an answer in another conversation's thread), from a message or from `emails`, the
 * customer's known addresses. One address per channel; a message nobody can be answered at is left out.
 */
export function replyOptions(
  own: ReplyAddress,
  elsewhere: readonly LastInbound[],
  emails: readonly string[],
  subject: string | null,
): ReplyAddress[] {
  const options = new Map<ReplyChannel, ReplyAddress>([[own.channel, own]]);
  const add = (address: ReplyAddress) => {
    if (!switchable.has(address.channel) || options.has(address.channel)) return;
    options.set(address.channel, address.channel === 'email' ? byEmail(address.recipient, subject) : address);
  };
  for (const last of elsewhere) {
    try {
      add(replyAddress(last));
    } catch {
      // Erased, or nobody to answer: not a way to reach the customer.
    }
  }
  for (const email of emails) add(byEmail(email, subject));
  return [...options.values()];
}
