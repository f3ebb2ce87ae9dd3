import { z } from 'zod';
import { CustomerId, CustomerIdentifier } from './values.ts';

const Attachment = z.object({
  fileName: z.string().max(512).nullable(),
  contentType: z.string().max(256),
  sizeBytes: z.number().int().nonnegative(),
  /** Content-addressed: sha256 of the bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const EmailDetails = z.object({
  channel: z.literal('email'),
  messageId: z.string(),
  subject: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  attachments: z.array(Attachment),
  autoReply: z.boolean(),
  bounce: z.boolean(),
});

const WebFormDetails = z.object({
  channel: z.literal('webform'),
  formId: z.string(),
  fields: z.record(z.string(), z.string()),
  attachments: z.array(Attachment),
});

const PhoneDetails = z.object({
  channel: z.literal('phone'),
  source: z.enum(['twilio', 'asterisk-cdr', 'generic']),
  callId: z.string(),
  from: z.string(),
  to: z.string(),
  outcome: z.enum(['answered', 'missed', 'voicemail', 'busy', 'failed']),
  durationSeconds: z.number().int().nonnegative(),
  recordingUrl: z.string().url().nullable(),
  agentExtension: z.string().nullable(),
});

const ChatDetails = z.object({
  channel: z.literal('chat'),
  platform: z.enum(['widget', 'telegram']),
  chatId: z.string(),
  messageId: z.string(),
});

const SocialDetails = z.object({
  channel: z.literal('social'),
  platform: z.enum(['facebook-feed', 'messenger', 'instagram']),
  objectId: z.string(),
  parentId: z.string().nullable(),
});

const GenericDetails = z.object({
  channel: z.literal('generic'),
  system: z.string(),
  externalId: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});

export const InteractionDetails = z.discriminatedUnion('channel', [
  EmailDetails,
  WebFormDetails,
  PhoneDetails,
  ChatDetails,
  SocialDetails,
  GenericDetails,
]);

/** One contact on one channel, the unit of the unified timeline. */
export const InteractionRecorded = z.object({
  interactionId: z.string(),
  customerId: CustomerId,
  direction: z.enum(['inbound', 'outbound']),
  conversationId: z.string(),
  /** The identifier the customer used on this contact. */
  contact: CustomerIdentifier,
  summary: z.string().max(512),
  text: z.string(),
  /** Sanitised HTML, when the source had any. */
  html: z.string().nullable(),
  details: InteractionDetails,
});
