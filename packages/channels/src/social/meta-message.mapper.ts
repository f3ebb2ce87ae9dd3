import { linkedMedia, type MetaOutcome, socialInteraction } from './meta-interaction.ts';
import type { MessagingMessageEvent, MetaEntry } from './meta-webhook.schema.ts';

/**
 * A Messenger or Instagram Direct message; its id is Meta's `mid`. An echo (`is_echo`) is the
 * Page's own message, sent by an agent from Meta's inbox or by our dispatcher: it is recorded as
 * outbound on the recipient's timeline, so the conversation stays whole. The dispatcher records
 * what it sends under the same id (`metaInteractionId(mid)`), so its echo is not a second copy.
 */
export function mapMessagingMessage(object: string, entry: MetaEntry, event: MessagingMessageEvent): MetaOutcome {
  const { message } = event;
  if (message.is_deleted) return { skipped: 'message unsent by its author' };
  const echo = message.is_echo === true;
  const customerId = echo ? event.recipient.id : event.sender.id;
  const pageId = echo ? event.sender.id : entry.id;
  const instagram = object === 'instagram';
  const platform = instagram ? 'instagram-direct' : 'messenger';
  const media = (message.attachments ?? []).map((a) => linkedMedia(a.type, a.payload?.url));
  return {
    interaction: socialInteraction({
      externalId: message.mid,
      direction: echo ? 'outbound' : 'inbound',
      time: event.timestamp,
      network: instagram ? 'instagram' : 'facebook',
      customerId,
      displayName: null,
      threadKey: `${platform}:${pageId}:${customerId}`,
      text: message.text ?? '',
      fallbackSummary: media[0] ? `Sent ${media.length === 1 ? `a ${media[0].kind}` : `${media.length} files`}` : '',
      details: {
        platform,
        objectId: message.mid,
        parentId: message.reply_to?.mid ?? null,
        pageId,
        postId: null,
        permalink: null,
        senderName: null,
        username: null,
        verb: null,
        editOf: null,
        media,
      },
    }),
  };
}
