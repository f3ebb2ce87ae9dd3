import { z } from 'zod';
import { Attachment } from './attachment.ts';

export const WebFormDetails = z.object({
  channel: z.literal('webform'),
  formId: z.string(),
  /**
   * Submitted fields other than the mapped contact fields, as typed. A field sent more than once
   * (a checkbox group, a multi-select) keeps every value, in order.
   */
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  attachments: z.array(Attachment),
  // Added after the first release: null by default so older events still validate.
  /** The page the form was posted from (its Referer), which tells campaign and landing page apart. */
  pageUrl: z.string().max(2048).nullable().default(null),
  userAgent: z.string().max(512).nullable().default(null),
  /** `Idempotency-Key` when the client sent one, else a hash of the submission (see the adapter). */
  submissionKey: z.string().max(256).nullable().default(null),
});
