import { z } from 'zod';

export const SocialDetails = z.object({
  channel: z.literal('social'),
  platform: z.enum(['facebook-feed', 'messenger', 'instagram']),
  objectId: z.string(),
  parentId: z.string().nullable(),
});
