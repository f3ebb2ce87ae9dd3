import { z } from 'zod';
import { Attachment } from './attachment.ts';

export const WebFormDetails = z.object({
  channel: z.literal('webform'),
  formId: z.string(),
  fields: z.record(z.string(), z.string()),
  attachments: z.array(Attachment),
});
