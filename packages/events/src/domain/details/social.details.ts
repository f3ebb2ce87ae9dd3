import { z } from 'zod';
import { ProviderMedia } from './chat.details.ts';

// Fields added after the first release default to empty values, so bodies stored before them
// still decode without an upcaster.

export const SocialDetails = z.object({
  channel: z.literal('social'),
  platform: z.enum(['facebook-feed', 'messenger', 'instagram', 'instagram-direct']),
  /** Meta's id of the comment or message (comment_id, mid). */
  objectId: z.string(),
  /** The comment replied to, or the message quoted. */
  parentId: z.string().nullable(),
  /** The Facebook Page or Instagram professional account the webhook was about: whom to answer as. */
  pageId: z.string().nullable().default(null),
  /** The post (Facebook post id, Instagram media id) a comment is on. */
  postId: z.string().nullable().default(null),
  /** Meta's link to the post, when the webhook carries one. */
  permalink: z.string().max(2048).nullable().default(null),
  senderName: z.string().max(256).nullable().default(null),
  /** Instagram @username: it can change, so it is kept, never used as identity. */
  username: z.string().max(64).nullable().default(null),
  /** Feed comments: `add`, `edited` or `remove`; null for messages. */
  verb: z.enum(['add', 'edited', 'remove']).nullable().default(null),
  /** For an edit or removal: the interaction id of the comment as first posted. */
  editOf: z.string().nullable().default(null),
  media: z.array(ProviderMedia).default([]),
});
