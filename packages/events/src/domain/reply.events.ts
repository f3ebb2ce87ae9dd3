import { z } from 'zod';
import { Actor, CustomerId } from './values.ts';

/**
 * Where a reply goes out. Finer than `Channel`: a social reply is a Messenger message, or a
 * comment reply on a Page or on Instagram, each through a different provider call.
 */
export const replyChannels = [
  'email',
  'telegram',
  'messenger',
  'page_comment',
  'instagram_comment',
  'widget',
  'phone',
] as const;
export const ReplyChannel = z.enum(replyChannels);
export type ReplyChannel = z.infer<typeof ReplyChannel>;

/** An agent's reply, recorded before anything is sent: the outbox delivers it afterwards. */
export const ReplyRequested = z.object({
  replyId: z.string().uuid(),
  conversationId: z.string().min(1),
  customerId: CustomerId,
  channel: ReplyChannel,
  /** Email address, Telegram chat id, Messenger PSID, comment id, widget visitor id or phone number. */
  recipient: z.string().min(1).max(512),
  subject: z.string().max(998).nullable(),
  text: z.string().max(100_000),
  html: z.string().max(500_000).nullable(),
  /** sha256 ids in the attachment store. */
  attachments: z.array(z.object({ id: z.string().min(1), filename: z.string().min(1).max(255) })),
  /** The provider's id of the message answered (email Message-ID, Telegram message_id). */
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  actor: z.string().min(1),
});

/** Written before the provider is called: an attempt without an outcome is never resent blindly. */
export const ReplyDeliveryAttempted = z.object({
  replyId: z.string().uuid(),
  attempt: z.number().int().positive(),
  attemptedAt: z.string().datetime(),
});

export const ReplySent = z.object({
  replyId: z.string().uuid(),
  providerMessageId: z.string().min(1),
  sentAt: z.string().datetime(),
});

export const ReplyDeliveryFailed = z.object({
  replyId: z.string().uuid(),
  /** The provider's own words, so an agent sees why. */
  reason: z.string().max(4096),
  providerCode: z.string().max(128).nullable(),
  attempt: z.number().int().positive(),
  permanent: z.boolean(),
  retryAt: z.string().datetime().nullable(),
});

/**
 * An agent sends a failed reply again: a new attempt on the same reply (its idempotency key and
 * email Message-ID stay). After an unknown outcome (`OUTCOME_UNKNOWN`) only an agent who checked
 * that the customer did not get it may ask for this (`afterUnknownOutcome`).
 */
export const ReplyRetryRequested = z.object({
  replyId: z.string().uuid(),
  afterUnknownOutcome: z.boolean(),
  actor: Actor,
  at: z.string().datetime(),
});
