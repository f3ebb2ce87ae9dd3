import {
  type CountryCode,
  handleIdentifier,
  normalizeHandle,
  normalizePhone,
  phoneIdentifier,
} from '@hub/customer-identity';
import type { CustomerIdentifier, InteractionDetails } from '@hub/events';
import { interactionId, type NormalizedInteraction, summarise } from '@hub/interactions';
import type { TelegramMessage, TelegramUpdate } from './telegram-update.schema.ts';

type ChatDetails = Extract<InteractionDetails, { channel: 'chat' }>;

export interface TelegramMappingOptions {
  readonly defaultPhoneRegion?: CountryCode | undefined;
}

/**
 * A message's external id: `<chat id>:<message_id>` (message ids are unique within a chat only).
 * Not update_id: a redelivery repeats the same message, while update_id restarts at random after a
 * quiet week. An edit is its own fact, `<chat id>:<message_id>:edit:<edit_date>`, pointing at the
 * original through `editOf`: a redelivered edit keeps its id, a second edit gets a new one.
 */
export const telegramExternalId = (message: TelegramMessage, isEdit: boolean): string =>
  `${message.chat.id}:${message.message_id}${isEdit ? `:edit:${message.edit_date ?? message.date}` : ''}`;

/** The interactions one Update records: none for updates that are not messages, or hold nothing. */
export function mapTelegramUpdate(
  update: TelegramUpdate,
  options: TelegramMappingOptions = {},
): NormalizedInteraction[] {
  const edited = update.edited_message ?? update.edited_channel_post;
  const message = update.message ?? update.channel_post ?? edited;
  if (!message) return [];
  const isEdit = message === edited;
  const text = message.text ?? message.caption ?? '';
  const media = mediaOf(message);
  if (text === '' && !message.contact && media.length === 0) return []; // service messages: joins, pins
  const sender = senderOf(message);
  const externalId = telegramExternalId(message, isEdit);
  const contact = message.contact;
  const ownPhone =
    contact && !message.sender_chat && contact.user_id !== undefined && contact.user_id === message.from?.id
      ? telegramPhone(contact.phone_number, options.defaultPhoneRegion)
      : null;
  const identifiers: CustomerIdentifier[] = [handleIdentifier(telegramHandle(sender.id))];
  if (ownPhone) identifiers.push(phoneIdentifier(ownPhone));
  const details: ChatDetails = {
    channel: 'chat',
    platform: 'telegram',
    chatId: String(message.chat.id),
    messageId: String(message.message_id),
    chatType: message.chat.type,
    chatTitle: message.chat.title ?? null,
    username: sender.username,
    senderName: sender.name,
    replyToMessageId: message.reply_to_message ? String(message.reply_to_message.message_id) : null,
    editOf: isEdit ? interactionId('chat', 'telegram', telegramExternalId(message, false)) : null,
    media,
    sharedContact: contact
      ? {
          phone: contact.phone_number,
          name: fullName(contact.first_name, contact.last_name),
          userId: contact.user_id === undefined ? null : String(contact.user_id),
        }
      : null,
    identityClaim: null,
    pageUrl: null,
  };
  return [
    {
      id: interactionId('chat', 'telegram', externalId),
      channel: 'chat',
      source: { system: 'telegram', externalId },
      direction: 'inbound',
      occurredAt: new Date((isEdit ? (message.edit_date ?? message.date) : message.date) * 1000).toISOString(),
      contact: { identifiers, displayName: sender.name },
      threadKey: `telegram:${message.chat.id}`,
      summary: summarise(text) || placeholderSummary(details),
      text,
      html: null,
      details,
    },
  ];
}

function telegramHandle(id: number): string {
  const handle = normalizeHandle('telegram', String(id));
  if (!handle) throw new Error(`not a Telegram id: ${id}`);
  return handle;
}

/** Anonymous group admins and channel posts speak as a chat (sender_chat), not as a user. */
function senderOf(message: TelegramMessage): { id: number; name: string | null; username: string | null } {
  const chat = message.sender_chat ?? (message.from ? undefined : message.chat);
  if (chat) return { id: chat.id, name: chat.title ?? null, username: chat.username ?? null };
  const from = message.from;
  return from
    ? { id: from.id, name: fullName(from.first_name, from.last_name), username: from.username ?? null }
    : { id: message.chat.id, name: null, username: null };
}

const fullName = (first: string, last: string | undefined): string =>
  [first, last].filter(Boolean).join(' ').slice(0, 256);

/** Telegram sends the sender's own number in international form, usually without the `+`. */
function telegramPhone(raw: string, region: CountryCode | undefined): string | null {
  const trimmed = raw.trim();
  if (/^[1-9]\d{6,14}$/.test(trimmed)) return normalizePhone(`+${trimmed}`) ?? normalizePhone(trimmed, region);
  return normalizePhone(trimmed, region);
}

function mediaOf(message: TelegramMessage): ChatDetails['media'] {
  // Telegram sends a photo in several sizes: the largest stands for it.
  const photo = message.photo?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const { document, audio, voice, video, sticker } = message;
  return Object.entries({ photo, document, audio, voice, video, sticker }).flatMap(([kind, file]) =>
    file
      ? [
          {
            kind,
            fileId: file.file_id,
            url: null,
            fileName: file.file_name ?? null,
            mimeType: file.mime_type ?? null,
            sizeBytes: file.file_size ?? null,
          },
        ]
      : [],
  );
}

function placeholderSummary(details: ChatDetails): string {
  if (details.sharedContact) return 'Shared a contact';
  const kind = details.media[0]?.kind;
  return kind ? `Sent a ${kind}` : '';
}
