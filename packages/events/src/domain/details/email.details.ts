import { z } from 'zod';
import { Attachment } from './attachment.ts';

export const EmailDetails = z.object({
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
