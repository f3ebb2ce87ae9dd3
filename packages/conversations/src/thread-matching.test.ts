import { InteractionDetails } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { threadKey, threadKeysOf } from './thread-keys.ts';
import { type CandidateConversation, matchConversation } from './thread-matching.ts';

const sara = '0b5c0a4e-6f1e-4a57-9b0e-3f5b7f1d2c11';
const ali = '7d1e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const at = (time: string): Date => new Date(`2026-12-05T${time}Z`);

const email = (fields: {
  messageId?: string | null;
  subject?: string;
  inReplyTo?: string | null;
  references?: string[];
}) =>
  InteractionDetails.parse({
    channel: 'email',
    messageId: fields.messageId ?? '<m2@mail.example>',
    subject: fields.subject ?? 'Order 1001',
    from: 'sara@example.ir',
    to: ['support@shop.example'],
    inReplyTo: fields.inReplyTo ?? null,
    references: fields.references ?? [],
    attachments: [],
    autoReply: false,
    bounce: false,
  });

const candidate = (fields: Partial<CandidateConversation> & { threadKeys: string[] }): CandidateConversation => ({
  conversationId: 'conv-1',
  status: 'open',
  lastActivityAt: at('09:00:00'),
  channel: 'email',
  customerId: sara,
  ...fields,
});

const match = (
  details: InteractionDetails,
  candidates: CandidateConversation[],
  time = '10:00:00',
  customerId = sara,
) => matchConversation({ interaction: { customerId, occurredAt: at(time), details }, candidates });

const mail = suite('email threads by Message-ID, In-Reply-To and References; by subject only without them');

mail('a reply (In-Reply-To our message) joins its conversation, even a resolved one', () => {
  const ours = candidate({ status: 'resolved', threadKeys: [threadKey.email('<reply-1@hub.example>')] });
  assert.equal(match(email({ inReplyTo: '<reply-1@hub.example>' }), [ours]), {
    kind: 'join',
    conversationId: 'conv-1',
  });
});

mail('an id deep in References joins its conversation', () => {
  const thread = candidate({ threadKeys: [threadKey.email('<m0@mail.example>')] });
  const details = email({ inReplyTo: '<unknown@elsewhere>', references: ['<m0@mail.example> <unknown@elsewhere>'] });
  assert.equal(match(details, [thread]), { kind: 'join', conversationId: 'conv-1' });
});

mail('a message with no headers joins the same customer’s open conversation with the same subject', () => {
  const thread = candidate({ threadKeys: [threadKey.emailSubject(sara, 'Order 1001')] });
  assert.equal(match(email({ subject: 'RE: Fwd:  order   1001' }), [thread]), {
    kind: 'join',
    conversationId: 'conv-1',
  });
});

mail('a Persian reply prefix (پاسخ:) and Arabic letters are folded away in the subject', () => {
  const thread = candidate({ threadKeys: [threadKey.emailSubject(sara, 'پیگیری سفارش ۱۰۰۱')] });
  assert.equal(match(email({ subject: 'پاسخ: پاسخ:  پيگيري سفارش ۱۰۰۱' }), [thread]), {
    kind: 'join',
    conversationId: 'conv-1',
  });
});

mail('the subject never joins when the message has reply headers that match nothing', () => {
  const thread = candidate({ threadKeys: [threadKey.emailSubject(sara, 'Order 1001')] });
  assert.equal(match(email({ subject: 'Re: Order 1001', inReplyTo: '<other@elsewhere>' }), [thread]), { kind: 'open' });
});

mail('the subject never joins a resolved conversation, nor another customer’s', () => {
  const resolved = candidate({ status: 'resolved', threadKeys: [threadKey.emailSubject(sara, 'Order 1001')] });
  assert.equal(match(email({ subject: 'Re: Order 1001' }), [resolved]), { kind: 'open' });
  const alis = candidate({ customerId: ali, threadKeys: [threadKey.emailSubject(sara, 'Order 1001')] });
  assert.equal(match(email({ subject: 'Re: Order 1001' }), [alis]), { kind: 'open' });
});

mail('an empty subject is no thread', () => {
  assert.equal(threadKeysOf({ customerId: sara, occurredAt: at('10:00:00'), details: email({ subject: 'Re: ' }) }), {
    index: [threadKey.email('<m2@mail.example>')],
    lookup: [threadKey.email('<m2@mail.example>')],
    byCustomer: false,
  });
});

mail('an email is indexed by its own Message-ID and subject, and looked up by what it answers', () => {
  const keys = threadKeysOf({
    customerId: sara,
    occurredAt: at('10:00:00'),
    details: email({ messageId: '<m2@mail.example>', subject: 'Re: Order 1001', inReplyTo: '<m1@hub.example>' }),
  });
  assert.equal(keys.index, ['email:m2@mail.example', `subject:${sara}:order 1001`]);
  assert.equal(keys.lookup, ['email:m2@mail.example', 'email:m1@hub.example']);
});

mail('of two conversations holding the reply, the unresolved one wins', () => {
  const key = threadKey.email('<r@hub.example>');
  const old = candidate({
    conversationId: 'old',
    status: 'resolved',
    lastActivityAt: at('09:59:00'),
    threadKeys: [key],
  });
  const current = candidate({ conversationId: 'current', lastActivityAt: at('08:00:00'), threadKeys: [key] });
  assert.equal(match(email({ inReplyTo: '<r@hub.example>' }), [old, current]), {
    kind: 'join',
    conversationId: 'current',
  });
});

mail.run();
