import { z } from 'zod';
import { Attachment } from './attachment.ts';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

// Fields added after the first release carry defaults, so events stored before them still parse.
export const EmailDetails = z.object({
  channel: z.literal('email'),
  /** The Message-ID header, angle brackets included; null when the message had none. */
  messageId: z.string().nullable(),
  subject: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  /** Copied colleagues of the customer are people the agent may have to answer as well. */
  cc: z.array(z.string()).default([]),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  attachments: z.array(Attachment),
  /**
   * sha256 of the attachments over the size limit: listed above with their metadata, but their
   * bytes are only inside the raw message (kept encrypted), not in the attachment store.
   */
  attachmentsNotStored: z.array(Sha256).default([]),
  autoReply: z.boolean(),
  bounce: z.boolean(),
  /** For a bounce, the addresses that could not be reached (delivery-status Final-Recipient). */
  bouncedRecipients: z.array(z.string()).default([]),
  /** What a lenient parser accepted and noted, named as Python's email package names its defects. */
  defects: z.array(z.string()).default([]),
});
