import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { message, parseSample, readFixture } from './fixtures/email-fixtures.ts';

const automated = suite('auto-replies and bounces are recognised and flagged');

const flagsOf = async (raw: Buffer | string) => {
  const { details } = await parseSample(raw);
  return { autoReply: details.autoReply, bounce: details.bounce, bouncedRecipients: details.bouncedRecipients };
};
const withHeader = (...headers: string[]) =>
  message('From: Someone <someone@example.com>', 'Subject: Re: your ticket', ...headers, '', 'text');

automated('a person writing is neither', async () => {
  for (const name of ['persian-alternative.eml', 'reply-thread.eml', 'pdf-attachment.eml']) {
    assert.equal(await flagsOf(readFixture(name)), { autoReply: false, bounce: false, bouncedRecipients: [] }, name);
  }
  assert.is((await flagsOf(withHeader('Auto-Submitted: no'))).autoReply, false, 'Auto-Submitted: no is a person');
});

automated('an out-of-office notice (Auto-Submitted, Precedence: auto_reply)', async () => {
  assert.equal(await flagsOf(readFixture('auto-reply.eml')), { autoReply: true, bounce: false, bouncedRecipients: [] });
});

automated('each signal alone: RFC 3834 header, X-Autoreply, Precedence bulk, vacation subjects', async () => {
  assert.ok((await flagsOf(withHeader('Auto-Submitted: auto-generated'))).autoReply);
  assert.ok((await flagsOf(withHeader('X-Autoreply: yes'))).autoReply);
  assert.ok((await flagsOf(withHeader('Precedence: bulk'))).autoReply);
  const subject = (text: string) =>
    message('From: a@example.com', `Subject: =?UTF-8?B?${Buffer.from(text).toString('base64')}?=`, '', 'x');
  assert.ok((await flagsOf(subject('Out of Office: back on Monday'))).autoReply);
  assert.ok((await flagsOf(subject('پاسخ خودکار: در مرخصی هستم'))).autoReply);
  assert.ok((await flagsOf(subject('Abwesenheitsnotiz'))).autoReply);
  assert.ok((await flagsOf(subject('Vacation reply: back on 1 December'))).autoReply);
  assert.not.ok((await flagsOf(subject('Question about my vacation booking'))).autoReply, 'only at the start');
  assert.not.ok((await flagsOf(subject('Vacation package for two'))).autoReply, 'a customer asking');
});

automated('a multipart/report delivery-status bounce names the failed recipient', async () => {
  const { details, interaction } = await parseSample(readFixture('bounce-report.eml'));
  assert.ok(details.bounce);
  assert.equal(details.bouncedRecipients, ['old.customer@example.net']);
  assert.is(details.from, 'mailer-daemon@mx.hub.example');
  assert.match(interaction.text, /could not\nbe delivered/);
  assert.ok(details.attachments.some((part) => part.contentType === 'message/delivery-status'));
});

automated('a daemon sender or X-Failed-Recipients alone is a bounce', async () => {
  const daemon = message(
    'From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.com>',
    'Subject: failure notice',
    '',
    'x',
  );
  assert.ok((await flagsOf(daemon)).bounce);
  const failed = await flagsOf(withHeader('X-Failed-Recipients: Gone@Example.net'));
  assert.equal(failed, { autoReply: false, bounce: true, bouncedRecipients: ['gone@example.net'] });
});

automated.run();
