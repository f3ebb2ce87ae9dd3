import { z } from 'zod';

export const GenericDetails = z.object({
  channel: z.literal('generic'),
  system: z.string(),
  externalId: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});
