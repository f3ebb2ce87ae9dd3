import { interactionId, NormalizedInteraction } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  telegramMessage as message,
  telegramPrivateChat as privateChat,
  telegramSender as sara,
} from '../samples/telegram.samples.ts';
import { mapTelegramUpdate } from './telegram-update.mapper.ts';
import { TelegramUpdate } from './telegram-update.schema.ts';

const map = (update: unknown) => mapTelegramUpdate(TelegramUpdate.parse(update), { defaultPhoneRegion: 'IR' });

const maps = suite('Telegram Update to interaction');

maps('a private text message: handle telegram:<from.id>, thread per chat, text exact', () => {
  const [interaction, ...rest] = map({ update_id: 10000, message: message({ text: 'سلام، سفارش ۱۲۳۴ من کی می‌رسد؟' }) });
  assert.is(rest.length, 0);
  assert.ok(interaction);
  NormalizedInteraction.parse(interaction);
  assert.is(interaction.id, interactionId('chat', 'telegram', '111111111:1365'));
  assert.is(interaction.text, 'سلام، سفارش ۱۲۳۴ من کی می‌رسد؟');
  assert.equal(interaction.contact, {
    identifiers: [{ kind: 'handle', value: 'telegram:111111111' }],
    displayName: 'سارا رضایی',
  });
  assert.is(interaction.threadKey, 'telegram:111111111');
  assert.is(interaction.occurredAt, '2025-11-23T09:00:00.000Z');
  assert.is(interaction.details.channel === 'chat' && interaction.details.username, 'sara_r');
});

maps('an edit is its own interaction pointing at the original; the same edit keeps its id', () => {
  const original = map({ update_id: 1, message: message({ text: 'سلام' }) })[0];
  const edit = { update_id: 2, edited_message: message({ text: 'سلام دوباره', edit_date: 1763888460 }) };
  const [edited] = map(edit);
  assert.ok(original && edited);
  assert.is.not(edited.id, original.id);
  assert.is(map(edit)[0]?.id, edited.id);
  assert.is(edited.details.channel === 'chat' && edited.details.editOf, original.id);
  assert.is(edited.occurredAt, '2025-11-23T09:01:00.000Z');
});

maps("a shared contact that is the sender's own adds their E.164 phone; someone else's does not", () => {
  const own = map({
    update_id: 3,
    message: message({ contact: { phone_number: '989121234567', first_name: 'سارا', user_id: sara.id } }),
  });
  assert.equal(own[0]?.contact.identifiers, [
    { kind: 'handle', value: 'telegram:111111111' },
    { kind: 'phone', value: '+989121234567' },
  ]);
  assert.is(own[0]?.summary, 'Shared a contact');
  const other = map({
    update_id: 4,
    message: message({ contact: { phone_number: '+989351112233', first_name: 'علی', user_id: 222 } }),
  });
  assert.is(other[0]?.contact.identifiers.length, 1);
  assert.is(other[0]?.details.channel === 'chat' && other[0].details.sharedContact?.phone, '+989351112233');
});

maps('a photo with an Arabic caption: the caption is the text, the largest size is kept as metadata', () => {
  const photo = [
    { file_id: 'small', file_unique_id: 'u1', file_size: 1200, width: 90, height: 67 },
    { file_id: 'large', file_unique_id: 'u3', file_size: 88000, width: 1280, height: 960 },
    { file_id: 'medium', file_unique_id: 'u2', file_size: 21000, width: 320, height: 240 },
  ];
  const [interaction] = map({ update_id: 5, message: message({ photo, caption: 'مرحبا، هذه صورة الفاتورة' }) });
  assert.is(interaction?.text, 'مرحبا، هذه صورة الفاتورة');
  assert.equal(interaction?.details.channel === 'chat' && interaction.details.media, [
    { kind: 'photo', fileId: 'large', url: null, fileName: null, mimeType: null, sizeBytes: 88000 },
  ]);
});

maps('a channel post speaks as the channel; service messages and other update kinds record nothing', () => {
  const channel = { id: -1001234567890, type: 'channel', title: 'اخبار فروشگاه' };
  const [post] = map({
    update_id: 6,
    channel_post: { message_id: 7, sender_chat: channel, chat: channel, date: 1763888400, text: 'خبر' },
  });
  assert.is(post?.contact.identifiers[0]?.value, 'telegram:-1001234567890');
  assert.is(post?.contact.displayName, 'اخبار فروشگاه');
  assert.equal(map({ update_id: 7, message: message({ new_chat_members: [sara] }) }), []);
  assert.equal(map({ update_id: 8, my_chat_member: { chat: privateChat, from: sara, date: 1 } }), []);
});

maps.run();
