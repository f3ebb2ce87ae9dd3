import { InteractionDetails } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { threadKey } from './thread-keys.ts';
import { type CandidateConversation, matchConversation } from './thread-matching.ts';

const sara = '0b5c0a4e-6f1e-4a57-9b0e-3f5b7f1d2c11';
const ali = '7d1e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const at = (time: string): Date => new Date(`2026-12-05T${time}Z`);

const candidate = (fields: Partial<CandidateConversation> & { threadKeys: string[] }): CandidateConversation => ({
  conversationId: 'conv-1',
  status: 'open',
  lastActivityAt: at('09:00:00'),
  channel: 'chat',
  customerId: sara,
  ...fields,
});
const joined = { kind: 'join', conversationId: 'conv-1' } as const;
const opens = { kind: 'open' } as const;

const match = (
  details: unknown,
  candidates: CandidateConversation[],
  options: { time?: string; customerId?: string; callWindowMs?: number } = {},
) =>
  matchConversation({
    interaction: {
      customerId: options.customerId ?? sara,
      occurredAt: at(options.time ?? '10:00:00'),
      details: InteractionDetails.parse(details),
    },
    candidates,
    ...(options.callWindowMs === undefined ? {} : { callWindowMs: options.callWindowMs }),
  });

const chat = suite('chat: the widget by visitor session, Telegram by chat');
const widget = { channel: 'chat', platform: 'widget', chatId: 'visitor-42', messageId: 'client-7' };
const telegram = (fields: Record<string, unknown> = {}) => ({
  channel: 'chat',
  platform: 'telegram',
  chatId: '5550001',
  messageId: '88',
  chatType: 'private',
  ...fields,
});

chat('a widget message joins the open conversation of its visitor session', () => {
  assert.equal(match(widget, [candidate({ threadKeys: [threadKey.widget('visitor-42')] })]), joined);
});

chat('a widget message after its conversation was resolved opens a new one', () => {
  assert.equal(match(widget, [candidate({ status: 'resolved', threadKeys: [threadKey.widget('visitor-42')] })]), opens);
});

chat('a Telegram message joins the open conversation of its chat, not another chat’s', () => {
  assert.equal(match(telegram(), [candidate({ threadKeys: [threadKey.telegramChat('5550001')] })]), joined);
  assert.equal(match(telegram(), [candidate({ threadKeys: [threadKey.telegramChat('5550002')] })]), opens);
});

chat('a Telegram reply to our message reopens the resolved conversation it belongs to', () => {
  const resolved = candidate({ status: 'resolved', threadKeys: [threadKey.telegramMessage('5550001', '80')] });
  assert.equal(match(telegram({ replyToMessageId: '80' }), [resolved]), joined);
  assert.equal(match(telegram(), [resolved]), opens, 'without the reply it is a new matter');
});

chat('in a Telegram group each member has a conversation of their own', () => {
  const saras = candidate({ threadKeys: [threadKey.telegramGroupMember('-100777', sara)] });
  const group = telegram({ chatId: '-100777', chatType: 'supergroup' });
  assert.equal(match(group, [saras]), joined);
  assert.equal(match(group, [saras], { customerId: ali }), opens);
});

const meta = suite('Meta: Messenger and Instagram direct by thread, comments by post');
const messenger = { channel: 'social', platform: 'messenger', objectId: 'mid.2', parentId: null, pageId: 'page-1' };
const comment = (fields: Record<string, unknown> = {}) => ({
  channel: 'social',
  platform: 'facebook-feed',
  objectId: 'comment-9',
  parentId: null,
  pageId: 'page-1',
  postId: 'post-3',
  verb: 'add',
  ...fields,
});

meta('a Messenger message joins the open conversation of the page’s thread with this customer', () => {
  assert.equal(
    match(messenger, [candidate({ threadKeys: [threadKey.metaThread('messenger', 'page-1', sara)] })]),
    joined,
  );
  assert.equal(
    match(messenger, [candidate({ threadKeys: [threadKey.metaThread('messenger', 'page-2', sara)] })]),
    opens,
  );
});

meta('a comment joins the same customer’s open conversation on the same post; another post opens one', () => {
  const onPost = candidate({ threadKeys: [threadKey.metaPost('post-3', sara)] });
  assert.equal(match(comment(), [onPost]), joined);
  assert.equal(match(comment({ postId: 'post-4' }), [onPost]), opens);
  assert.equal(match(comment(), [onPost], { customerId: ali }), opens, 'another commenter is another conversation');
});

meta('a comment replying to our reply reopens the resolved conversation', () => {
  const resolved = candidate({ status: 'resolved', threadKeys: [threadKey.metaObject('our-reply-1')] });
  assert.equal(match(comment({ parentId: 'our-reply-1' }), [resolved]), joined);
});

const calls = suite('calls: the caller’s open conversation within the window, else a new one');
const call = (fields: Record<string, unknown> = {}) => ({
  channel: 'phone',
  source: 'twilio',
  callId: 'CA1',
  from: '+989121234567',
  to: '+982188776655',
  outcome: 'answered',
  durationSeconds: 120,
  recordingUrl: null,
  agentExtension: null,
  ...fields,
});
const emailThread = candidate({
  channel: 'email',
  lastActivityAt: at('09:30:00'),
  threadKeys: ['email:m1@mail.example'],
});

calls('a call 30 minutes after the last activity joins the caller’s open conversation, on any channel', () => {
  assert.equal(match(call(), [emailThread], { time: '10:00:00' }), joined);
});

calls('a call one second past the window opens a new conversation', () => {
  assert.equal(match(call(), [emailThread], { time: '10:00:01' }), opens);
});

calls('the window is configurable', () => {
  assert.equal(match(call(), [emailThread], { time: '10:00:00', callWindowMs: 10 * 60_000 }), opens);
  assert.equal(match(call(), [emailThread], { time: '10:30:00', callWindowMs: 60 * 60_000 }), joined);
});

calls('a call never joins a resolved conversation or another customer’s through the window', () => {
  assert.equal(match(call(), [{ ...emailThread, status: 'resolved' }], { time: '09:35:00' }), opens);
  assert.equal(match(call(), [{ ...emailThread, customerId: ali }], { time: '09:35:00' }), opens);
});

calls('a second leg of a call joins the conversation of its parent call', () => {
  const legs = candidate({ status: 'resolved', channel: 'phone', threadKeys: [threadKey.call('CA1')] });
  assert.equal(match(call({ callId: 'CA2', parentCallId: 'CA1' }), [legs], { time: '15:00:00' }), joined);
});

const others = suite('web forms and erased interactions always open a new conversation');

others('a web form submission is a new request', () => {
  const details = { channel: 'webform', formId: 'contact', fields: {}, attachments: [] };
  assert.equal(match(details, [candidate({ threadKeys: [] })]), opens);
});

others('an interaction whose details were erased has no thread', () => {
  const result = matchConversation({
    interaction: { customerId: sara, occurredAt: at('10:00:00'), details: { channel: 'email', erased: true } },
    candidates: [candidate({ threadKeys: [threadKey.email('<m1@mail.example>')] })],
  });
  assert.equal(result, opens);
});

chat.run();
meta.run();
calls.run();
others.run();
