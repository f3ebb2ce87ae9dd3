import { createHash } from 'node:crypto';
import { conversationId, interactionId } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { message, parseSample, RECEIVED_AT, readFixture } from './fixtures/email-fixtures.ts';

const scripts = suite('parseEmail decodes headers and bodies in any script');

scripts('Persian: B-encoded subject and name, base64 multipart/alternative', async () => {
  const { interaction, details } = await parseSample(readFixture('persian-alternative.eml'));
  const messageId = '<f3a1c9e2-7b4d-4a51-9d0e-1c2b3a4d5e6f@mail.example.ir>';
  assert.is(interaction.id, interactionId('email', 'mta', messageId));
  assert.is(details.subject, 'پیگیری سفارش ۱۲۳۴');
  assert.is(interaction.summary, 'پیگیری سفارش ۱۲۳۴');
  assert.is(interaction.contact.displayName, 'سارا رضایی');
  assert.equal(interaction.contact.identifiers, [{ kind: 'email', value: 'sara.rezaei@example.ir' }]);
  assert.is(interaction.text, 'سلام،\nسفارش شماره ۱۲۳۴ من هنوز نرسیده است. لطفاً پیگیری کنید.\nبا سپاس، سارا');
  assert.match(interaction.html ?? '', /^<div dir="rtl"><p>سلام،<\/p>/);
  assert.equal(details.to, ['support@hub.example']);
  assert.equal(details.cc, ['accounts@example.ir']);
  assert.is(interaction.direction, 'inbound');
  assert.is(interaction.occurredAt, '2026-11-23T09:09:51.000Z', 'Date header, +0330 offset applied');
});

scripts('Arabic: Q-encoded headers, quoted-printable body with Arabic-Indic digits', async () => {
  const { interaction, details } = await parseSample(readFixture('arabic-quoted-printable.eml'));
  assert.is(details.subject, 'طلب إرجاع منتج');
  assert.is(interaction.contact.displayName, 'أحمد الخطيب');
  assert.match(interaction.text, /أود إرجاع المنتج رقم ٤٥٦ لأنه وصل تالفاً\. ما هي الخطوات المطلوبة؟/);
  assert.is(interaction.html, null, 'no HTML part, none made up');
});

scripts('Japanese: ISO-2022-JP headers and 7bit body', async () => {
  const { interaction, details } = await parseSample(readFixture('japanese-iso-2022-jp.eml'));
  assert.is(details.subject, '請求書の再発行について');
  assert.is(interaction.contact.displayName, '山田太郎');
  assert.is(interaction.text, 'お世話になっております。\n請求書の再発行をお願いできますでしょうか。\n山田');
});

scripts.run();

const threads = suite('parseEmail threads replies into one conversation');

threads('a reply has the thread root (first of References) as its thread key', async () => {
  const original = await parseSample(readFixture('pdf-attachment.eml'));
  const reply = await parseSample(readFixture('reply-thread.eml'));
  assert.is(reply.interaction.threadKey, '<invoice-2026-117.0001@billing.example.com>');
  assert.is(reply.interaction.threadKey, original.interaction.threadKey);
  assert.is(
    conversationId('email', reply.interaction.threadKey),
    conversationId('email', original.interaction.threadKey),
  );
  assert.is(reply.details.inReplyTo, '<agent-answer.1@hub.example>');
  assert.equal(reply.details.references, [
    '<invoice-2026-117.0001@billing.example.com>',
    '<agent-answer.1@hub.example>',
  ]);
});

threads('without References the parent is the key; the auto-reply joins the ticket it answers', async () => {
  const { interaction } = await parseSample(readFixture('auto-reply.eml'));
  assert.is(interaction.threadKey, '<ticket-8812.2@hub.example>');
});

threads('without a Message-ID the id is the sha256 of the bytes: same bytes, same id', async () => {
  const raw = message('From: a@example.com', 'Subject: no id', '', 'hello');
  const first = await parseSample(raw);
  const again = await parseSample(raw);
  const other = await parseSample(`${raw}again\r\n`);
  const hash = createHash('sha256').update(raw).digest('hex');
  assert.is(first.interaction.source.externalId, `sha256:${hash}`);
  assert.is(first.interaction.threadKey, `sha256:${hash}`);
  assert.is(first.details.messageId, null);
  assert.is(again.interaction.id, first.interaction.id);
  assert.is.not(other.interaction.id, first.interaction.id);
});

threads('the system is part of the id: the same message over IMAP is another interaction source', async () => {
  const raw = readFixture('reply-thread.eml');
  const mta = await parseSample(raw);
  const imap = await parseSample(raw, { system: 'imap' });
  assert.is(imap.interaction.id, interactionId('email', 'imap', '<reply-2.7781@example.com>'));
  assert.is.not(imap.interaction.id, mta.interaction.id);
});

threads('a missing or unreadable Date falls back to the time of receipt', async () => {
  const none = await parseSample(message('From: a@example.com', '', 'x'));
  const junk = await parseSample(message('From: a@example.com', 'Date: sometime soon', '', 'x'));
  assert.is(none.interaction.occurredAt, RECEIVED_AT.toISOString());
  assert.is(junk.interaction.occurredAt, RECEIVED_AT.toISOString());
});

threads.run();
