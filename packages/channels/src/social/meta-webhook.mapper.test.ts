import { isHubError } from '@hub/errors';
import { NormalizedInteraction } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  metaFeedComment as comment,
  META_INSTAGRAM_ACCOUNT_ID as IG_ACCOUNT,
  metaInstagramComment,
  metaInstagramWebhook,
  metaMessagingWebhook,
  metaPageWebhook,
  META_PAGE_ID as PAGE,
} from '../samples/meta.samples.ts';
import { metaInteractionId } from './meta-interaction.ts';
import { mapMetaWebhook } from './meta-webhook.mapper.ts';

const feed = (value: unknown) => metaPageWebhook([value]);
const messaging = (object: string, id: string, event: unknown) => metaMessagingWebhook(object, id, [event]);

const maps = suite('Meta webhook to interactions');

maps('a Page feed comment: id from comment_id, handle facebook:<from.id>, thread per post', () => {
  const { interactions, skipped } = mapMetaWebhook(feed(comment));
  assert.is(skipped.length, 0);
  const [interaction] = interactions.map((i) => NormalizedInteraction.parse(i));
  assert.is(interaction?.id, metaInteractionId('998877_112233'));
  assert.is(interaction?.text, 'قیمت این مدل چقدر است؟');
  assert.equal(interaction?.contact, {
    identifiers: [{ kind: 'handle', value: 'facebook:6543210987654321' }],
    displayName: 'مریم احمدی',
  });
  assert.is(interaction?.threadKey, `facebook-feed:${PAGE}_998877`);
  assert.is(interaction?.details.channel === 'social' && interaction.details.parentId, null, 'top-level comment');
  assert.is(interaction?.details.channel === 'social' && interaction.details.permalink, comment.post.permalink_url);
});

maps('an edit and a removal are their own facts pointing at the comment; a redelivered edit keeps its id', () => {
  const edited = mapMetaWebhook(feed({ ...comment, verb: 'edited', message: 'قیمت و رنگ‌ها؟' })).interactions[0];
  const again = mapMetaWebhook(feed({ ...comment, verb: 'edited', message: 'قیمت و رنگ‌ها؟' })).interactions[0];
  const removed = mapMetaWebhook(feed({ ...comment, verb: 'remove', message: undefined })).interactions[0];
  assert.is(edited?.id, again?.id);
  assert.is.not(edited?.id, metaInteractionId(comment.comment_id));
  assert.is(edited?.details.channel === 'social' && edited.details.editOf, metaInteractionId(comment.comment_id));
  assert.is(removed?.summary, 'Comment removed');
  assert.is(removed?.text, '');
});

maps('comments by the Page itself and feed items other than comments are skipped, with the reason', () => {
  const own = mapMetaWebhook(feed({ ...comment, from: { id: PAGE, name: 'فروشگاه' } }));
  assert.equal(own, { interactions: [], skipped: ['comment by the Page itself'] });
  assert.equal(mapMetaWebhook(feed({ item: 'reaction', verb: 'add', reaction_type: 'like' })).interactions, []);
});

maps('Messenger: a message is inbound from its sender, an echo outbound to its recipient', () => {
  const sent = { sender: { id: '2468013579' }, recipient: { id: PAGE }, timestamp: 1763888400123 };
  const inbound = mapMetaWebhook(messaging('page', PAGE, { ...sent, message: { mid: 'm_AbC123', text: 'سلام' } }))
    .interactions[0];
  assert.is(inbound?.direction, 'inbound');
  assert.is(inbound?.id, metaInteractionId('m_AbC123'));
  assert.is(inbound?.contact.identifiers[0]?.value, 'facebook:2468013579');
  assert.is(inbound?.occurredAt, '2025-11-23T09:00:00.123Z');
  const echo = { sender: { id: PAGE }, recipient: { id: '2468013579' }, timestamp: 1763888460000 };
  const outbound = mapMetaWebhook(
    messaging('page', PAGE, { ...echo, message: { mid: 'm_Echo1', text: 'در خدمتیم', is_echo: true, app_id: 1 } }),
  ).interactions[0];
  assert.is(outbound?.direction, 'outbound');
  assert.is(outbound?.contact.identifiers[0]?.value, 'facebook:2468013579');
  assert.is(outbound?.threadKey, inbound?.threadKey, 'one conversation');
  const read = mapMetaWebhook(messaging('page', PAGE, { ...sent, read: { watermark: 1763888400000 } }));
  assert.is(read.interactions.length, 0);
});

maps('Instagram comments and direct messages: handle instagram:<id>; the account itself is skipped', () => {
  const value = metaInstagramComment('عالیه 😍');
  const [interaction] = mapMetaWebhook(metaInstagramWebhook([value])).interactions.map((i) =>
    NormalizedInteraction.parse(i),
  );
  assert.is(interaction?.text, 'عالیه 😍');
  assert.is(interaction?.contact.identifiers[0]?.value, 'instagram:17841400000000001');
  assert.is(interaction?.details.channel === 'social' && interaction.details.postId, '17900000000000001');
  const own = metaInstagramWebhook([{ ...value, from: { id: IG_ACCOUNT } }]);
  assert.is(mapMetaWebhook(own).interactions.length, 0);
  const dm = messaging('instagram', IG_ACCOUNT, {
    sender: { id: '9988776655' },
    recipient: { id: IG_ACCOUNT },
    timestamp: 1763888400000,
    message: { mid: 'aWdfZAG1', text: 'hi' },
  });
  const direct = mapMetaWebhook(dm).interactions[0];
  assert.is(direct?.details.channel === 'social' && direct.details.platform, 'instagram-direct');
  assert.is(direct?.contact.identifiers[0]?.value, 'instagram:9988776655');
});

maps('a wrongly typed field of a recorded kind is INVALID_INPUT naming it', () => {
  for (const [body, path] of [
    [feed({ ...comment, comment_id: 42 }), 'entry.0.changes.0.value.comment_id'],
    [{ object: 'page', entry: 'x' }, 'entry'],
    [
      messaging('page', PAGE, { sender: { id: 1 }, recipient: { id: PAGE }, timestamp: 1, message: { mid: 'm' } }),
      'entry.0.messaging.0.sender.id',
    ],
  ] as const) {
    try {
      mapMetaWebhook(body);
      assert.unreachable(path);
    } catch (error) {
      assert.ok(isHubError(error, 'INVALID_INPUT'), String(error));
      assert.match((error as Error).message, path);
    }
  }
});

maps.run();
