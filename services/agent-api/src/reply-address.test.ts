import { isHubError } from '@hub/errors';
import type { InteractionDetails } from '@hub/events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replyAddress } from './reply-address.ts';

const emailDetails = (subject: string): InteractionDetails => ({
  channel: 'email',
  messageId: '<q2@mail.example>',
  subject,
  from: 'Sara <sara@example.ir>',
  to: ['support@shop.example'],
  cc: [],
  inReplyTo: '<q1@mail.example>',
  references: ['<q0@mail.example>', '<q1@mail.example>'],
  attachments: [],
  attachmentsNotStored: [],
  autoReply: false,
  bounce: false,
  bouncedRecipients: [],
  defects: [],
});
const email = { kind: 'email', value: 'sara@example.ir' };

test('an email is answered to its sender, threaded after the whole chain, with one Re:', () => {
  assert.equal(replyAddress({ details: emailDetails('سفارش ۱۲۳۴'), contact: email, subject: null }), {
    channel: 'email',
    recipient: 'sara@example.ir',
    subject: 'Re: سفارش ۱۲۳۴',
    inReplyTo: '<q2@mail.example>',
    references: ['<q0@mail.example>', '<q1@mail.example>', '<q2@mail.example>'],
  });
  assert.is(replyAddress({ details: emailDetails('RE: order'), contact: email, subject: null }).subject, 'RE: order');
});

test('chat, social and phone are answered where they came from', () => {
  const telegram = replyAddress({
    details: { channel: 'chat', platform: 'telegram', chatId: '4242', messageId: '55' } as InteractionDetails,
    contact: { kind: 'handle', value: 'telegram:4242' },
    subject: null,
  });
  assert.equal([telegram.channel, telegram.recipient, telegram.inReplyTo], ['telegram', '4242', '55']);
  const messenger = replyAddress({
    details: { channel: 'social', platform: 'messenger', objectId: 'mid.1' } as InteractionDetails,
    contact: { kind: 'handle', value: 'messenger:psid-9' },
    subject: null,
  });
  assert.equal([messenger.channel, messenger.recipient], ['messenger', 'psid-9']);
  const comment = replyAddress({
    details: { channel: 'social', platform: 'instagram', objectId: 'c-17' } as InteractionDetails,
    contact: { kind: 'handle', value: 'instagram:77' },
    subject: null,
  });
  assert.equal([comment.channel, comment.recipient], ['instagram_comment', 'c-17']);
});

test('a form is answered by email when it gave one; an erased customer or no address is refused', () => {
  const form = { channel: 'webform', formId: 'contact' } as unknown as InteractionDetails;
  assert.is(replyAddress({ details: form, contact: email, subject: 'تماس' }).subject, 'Re: تماس');
  const refusal = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      return error;
    }
  };
  assert.ok(
    isHubError(
      refusal(() => replyAddress({ details: form, contact: { kind: 'phone', value: '+98912' }, subject: null })),
      'CONVERSATION_CONFLICT',
    ),
  );
  assert.ok(
    isHubError(
      refusal(() => replyAddress({ details: { channel: 'email', erased: true }, contact: email, subject: null })),
      'CONVERSATION_CONFLICT',
    ),
  );
});

test.run();
