import { createHash } from 'node:crypto';
import { linkedMedia, type MetaOutcome, metaInteractionId, socialInteraction } from './meta-interaction.ts';
import type { FeedCommentValue, InstagramCommentValue, MetaEntry } from './meta-webhook.schema.ts';

const VERBS: Readonly<Record<string, 'add' | 'edited' | 'remove'>> = {
  add: 'add',
  edit: 'edited',
  edited: 'edited',
  remove: 'remove',
};

/**
 * A Facebook Page feed comment. `add` is the comment (id = comment_id); an edit is its own fact
 * whose id hashes the new text, so a redelivery keeps its id and a further edit gets another; a
 * removal is recorded once. Comments by the Page itself are skipped: they are our agents' words
 * and name no customer (the outbound dispatcher records replies it sends).
 */
export function mapFeedComment(entry: MetaEntry, value: FeedCommentValue): MetaOutcome {
  const verb = VERBS[value.verb];
  if (!verb) return { skipped: `feed comment verb ${value.verb}` };
  if (!value.from) return { skipped: 'feed comment without its author' };
  if (value.from.id === entry.id) return { skipped: 'comment by the Page itself' };
  const text = verb === 'remove' ? '' : (value.message ?? '');
  const suffix = verb === 'add' ? '' : verb === 'remove' ? ':remove' : `:edited:${sha256(text).slice(0, 16)}`;
  const media = [
    ...(value.photo ? [linkedMedia('photo', value.photo)] : []),
    ...(value.video ? [linkedMedia('video', value.video)] : []),
  ];
  return {
    interaction: socialInteraction({
      externalId: `${value.comment_id}${suffix}`,
      direction: 'inbound',
      time: value.created_time ?? entry.time,
      network: 'facebook',
      customerId: value.from.id,
      displayName: value.from.name ?? null,
      threadKey: `facebook-feed:${value.post_id}`,
      text,
      fallbackSummary: verb === 'remove' ? 'Comment removed' : media.length > 0 ? 'Commented with media' : '',
      details: {
        platform: 'facebook-feed',
        objectId: value.comment_id,
        parentId: value.parent_id && value.parent_id !== value.post_id ? value.parent_id : null,
        pageId: entry.id,
        postId: value.post_id,
        permalink: value.post?.permalink_url ?? null,
        senderName: value.from.name ?? null,
        username: null,
        verb,
        editOf: verb === 'add' ? null : metaInteractionId(value.comment_id),
        media,
      },
    }),
  };
}

/** An Instagram comment (field `comments`); the account's own comments are skipped as on Facebook. */
export function mapInstagramComment(entry: MetaEntry, value: InstagramCommentValue): MetaOutcome {
  if (!value.from) return { skipped: 'Instagram comment without its author' };
  if (value.from.id === entry.id) return { skipped: 'comment by the Instagram account itself' };
  const mediaId = value.media?.id ?? null;
  return {
    interaction: socialInteraction({
      externalId: value.id,
      direction: 'inbound',
      time: entry.time,
      network: 'instagram',
      customerId: value.from.id,
      displayName: value.from.username ?? null,
      threadKey: `instagram:${mediaId ?? value.parent_id ?? value.id}`,
      text: value.text ?? '',
      fallbackSummary: '',
      details: {
        platform: 'instagram',
        objectId: value.id,
        parentId: value.parent_id ?? null,
        pageId: entry.id,
        postId: mediaId,
        permalink: null,
        senderName: null,
        username: value.from.username ?? null,
        verb: 'add',
        editOf: null,
        media: [],
      },
    }),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
