import { z } from 'zod';

/** A file that came with an interaction, stored content-addressed; only metadata is in the event. */
export const Attachment = z.object({
  fileName: z.string().max(512).nullable(),
  contentType: z.string().max(256),
  sizeBytes: z.number().int().nonnegative(),
  /** sha256 of the bytes, hex: the key of the stored file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
