import { z } from 'zod';

// Fields added after the first release default to empty values, so bodies stored before them
// still decode without an upcaster.

/**
 * A file the provider holds and we only reference (Telegram's file_id, a Messenger CDN url): the
 * bytes are fetched later, if ever, with the bot token or page token we do not hold here.
 */
export const ProviderMedia = z.object({
  kind: z.string().max(32),
  fileId: z.string().max(512).nullable(),
  url: z.string().max(4096).nullable(),
  fileName: z.string().max(512).nullable(),
  mimeType: z.string().max(256).nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
});
export type ProviderMedia = z.infer<typeof ProviderMedia>;

export const ChatDetails = z.object({
  channel: z.literal('chat'),
  platform: z.enum(['widget', 'telegram']),
  /** Telegram chat id, or the widget visitor id: where a reply goes. */
  chatId: z.string(),
  /** Telegram message_id, or the widget's clientMessageId. */
  messageId: z.string(),
  /** Telegram `private`, `group`, `supergroup` or `channel`; null for the widget. */
  chatType: z.string().max(32).nullable().default(null),
  /** A group's or channel's title, so agents see where a message was said. */
  chatTitle: z.string().max(256).nullable().default(null),
  /** Telegram @username (without the @): it can change, so it is kept, never used as identity. */
  username: z.string().max(64).nullable().default(null),
  senderName: z.string().max(256).nullable().default(null),
  replyToMessageId: z.string().nullable().default(null),
  /** For an edit: the interaction id of the message as first sent; the edit is its own fact. */
  editOf: z.string().nullable().default(null),
  media: z.array(ProviderMedia).default([]),
  /** A contact card the sender shared; its phone identifies the sender only when it is their own. */
  sharedContact: z
    .object({ phone: z.string().max(64), name: z.string().max(256), userId: z.string().nullable() })
    .nullable()
    .default(null),
  /**
   * What a widget visitor said about themselves. `verified`: the website's server signed the email
   * and phone (HUB_WIDGET_IDENTITY_SECRET); otherwise it is a claim (a visitor can type anyone's).
   */
  identityClaim: z
    .object({
      email: z.string().nullable(),
      phone: z.string().nullable(),
      name: z.string().nullable(),
      verified: z.boolean().default(false),
    })
    .nullable()
    .default(null),
  /** The page the widget visitor was on. */
  pageUrl: z.string().max(2048).nullable().default(null),
});
