import { z } from 'zod';

// Meta Graph API webhooks (https://developers.facebook.com/docs/graph-api/webhooks): one POST may
// carry many entries, each with `changes` (Page feed, Instagram comments) or `messaging` events
// (Messenger, Instagram Direct). The envelope is checked first; each change or event we record is
// then checked against its own schema, so a wrongly typed field is refused while kinds we do not
// record (reactions, reads, deliveries, mentions) pass untouched.

export const MetaWebhook = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      /** The Page id or Instagram professional account id the notification is about. */
      id: z.string(),
      /** Seconds for feed changes, milliseconds for messaging: see `metaTime`. */
      time: z.number(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
      messaging: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  ),
});
export type MetaWebhook = z.infer<typeof MetaWebhook>;
export type MetaEntry = MetaWebhook['entry'][number];

/** `changes[].value` of field `feed` with item `comment`. */
export const FeedCommentValue = z.object({
  item: z.literal('comment'),
  verb: z.string(),
  comment_id: z.string(),
  post_id: z.string(),
  /** Equal to post_id for a top-level comment. */
  parent_id: z.string().optional(),
  message: z.string().optional(),
  created_time: z.number().int().optional(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  post: z.object({ id: z.string().optional(), permalink_url: z.string().optional() }).optional(),
  photo: z.string().optional(),
  video: z.string().optional(),
});
export type FeedCommentValue = z.infer<typeof FeedCommentValue>;

/** `changes[].value` of field `comments` on object `instagram`. */
export const InstagramCommentValue = z.object({
  id: z.string(),
  text: z.string().optional(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
  media: z.object({ id: z.string(), media_product_type: z.string().optional() }).optional(),
  parent_id: z.string().optional(),
});
export type InstagramCommentValue = z.infer<typeof InstagramCommentValue>;

/** A `messaging[]` event that carries a `message` (Messenger and Instagram Direct alike). */
export const MessagingMessageEvent = z.object({
  sender: z.object({ id: z.string() }),
  recipient: z.object({ id: z.string() }),
  timestamp: z.number().int(),
  message: z.object({
    mid: z.string(),
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    is_deleted: z.boolean().optional(),
    reply_to: z.object({ mid: z.string() }).optional(),
    attachments: z
      .array(
        z.object({
          type: z.string(),
          payload: z.object({ url: z.string().optional() }).nullable().optional(),
        }),
      )
      .optional(),
  }),
});
export type MessagingMessageEvent = z.infer<typeof MessagingMessageEvent>;
