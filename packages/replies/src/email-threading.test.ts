import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replyIdOfMessageId, replyMessageId } from './email-sender.ts';

const replyId = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

test("a customer's answer names our reply's Message-ID, and it leads back to the reply", () => {
  const messageId = replyMessageId(replyId, 'Support <support@shop.example>');
  assert.is(messageId, `<reply-${replyId}@shop.example>`);
  assert.is(replyIdOfMessageId(messageId), replyId);
  assert.is(replyIdOfMessageId(` ${messageId.toUpperCase()} `), replyId);
});

test('a Message-ID that is not one of our replies leads nowhere', () => {
  assert.is(replyIdOfMessageId('<CAF=abc123@mail.gmail.com>'), undefined);
  assert.is(replyIdOfMessageId('<reply-not-a-uuid@shop.example>'), undefined);
});

test('the same reply always gets the same Message-ID, so a resend is recognisable', () => {
  assert.is(replyMessageId(replyId, 'support@shop.example'), replyMessageId(replyId, 'support@shop.example'));
});

test.run();
