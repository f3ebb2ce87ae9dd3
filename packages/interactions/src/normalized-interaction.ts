import { Channel, CustomerIdentifier, InteractionDetails } from '@hub/events';
import { z } from 'zod';

export const MAX_TEXT_LENGTH = 100_000;

/**
 * One interaction as every channel adapter hands it over, and the body of the generic
 * `POST /v1/interactions` API. Identifiers are already normalised (email case-folded, phone E.164,
 * handles `<network>:<id>`); HTML is already sanitised.
 */
export const NormalizedInteractionFields = z.object({
  /** Deterministic: `interactionId(channel, source.system, source.externalId)`. */
  id: z.string().uuid(),
  channel: Channel,
  source: z.object({
    /** Who reported it: `mta`, `imap`, `twilio`, `asterisk`, `telegram`, `meta`, or a client system's name. */
    system: z.string().min(1).max(128),
    /** That system's own id for it: Message-ID, CallSid, update_id, ... */
    externalId: z.string().min(1).max(998),
  }),
  direction: z.enum(['inbound', 'outbound']),
  occurredAt: z.string().datetime({ offset: true }),
  contact: z.object({
    /** The first is the primary identifier: the Kafka key, and the first try of identity resolution. */
    identifiers: z.array(CustomerIdentifier).min(1).max(10),
    displayName: z.string().max(256).nullable(),
    /**
     * The identifiers after the first are only the sender's word (a chat visitor typing an email,
     * unsigned): they may link to the sender, but never merge customers automatically.
     */
    unverifiedClaim: z.boolean().optional(),
  }),
  /** The provider's thread: email thread root, chat id, call id, post id. */
  threadKey: z.string().min(1).max(998),
  summary: z.string().max(512),
  text: z.string().max(MAX_TEXT_LENGTH),
  html: z
    .string()
    .max(MAX_TEXT_LENGTH * 5)
    .nullable(),
  details: InteractionDetails,
});

/** A channel's details must be that channel's. */
export const detailsMatchChannel: [
  (i: { channel: string; details: { channel: string } }) => boolean,
  { message: string; path: PropertyKey[] },
] = [
  (i) => i.details.channel === i.channel,
  { message: 'details.channel must equal channel', path: ['details', 'channel'] },
];

export const NormalizedInteraction = NormalizedInteractionFields.refine(...detailsMatchChannel);
export type NormalizedInteraction = z.infer<typeof NormalizedInteraction>;

/** A channel's raw bytes as received, kept (encrypted) beside the parsed interactions. */
export interface RawPayload {
  readonly channel: Channel;
  readonly contentType: string;
  readonly body: Buffer;
  readonly receivedAt: Date;
}

/** A summary line for lists: the first line of the text, trimmed to `max` characters. */
export function summarise(text: string, max = 140): string {
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
