import { randomUUID } from 'node:crypto';
import { handleCommand, loadAggregate } from '@hub/decider';
import { createInMemoryEventStore } from '@hub/event-store';
import { replyStream } from '@hub/events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replyDecider } from './reply.decider.ts';
import { confirmReplySent, requestReply } from './request-reply.ts';

const now = new Date('2026-12-05T12:00:00Z');
const reply = {
  replyId: randomUUID(),
  conversationId: 'conversation-9',
  customerId: randomUUID(),
  channel: 'messenger' as const,
  recipient: 'psid-9',
  subject: null,
  text: 'We have refunded your order.',
  html: null,
  attachments: [],
  inReplyTo: null,
  references: [],
  actor: 'agent:reza',
};

test('an agent confirms a reply whose outcome was unknown: it reads as sent, and a second confirmation adds nothing', async () => {
  const store = createInMemoryEventStore();
  await requestReply(store, reply, now);
  const streamId = replyStream(reply.replyId);
  const run = (command: Parameters<typeof replyDecider.decide>[0]) =>
    handleCommand({
      store,
      streamId,
      decider: replyDecider,
      command,
      eventContext: () => ({ id: randomUUID(), occurredAt: now }),
    });
  await run({ kind: 'attempt', at: now });
  await run({
    kind: 'recordFailure',
    reason: 'outcome unknown',
    providerCode: 'OUTCOME_UNKNOWN',
    permanent: true,
    at: now,
    jitter: 0,
  });

  const confirmation = { providerMessageId: 'confirmed-by-agent', actor: 'agent:reza', now };
  await confirmReplySent(store, reply.replyId, { ...confirmation, eventId: randomUUID() });
  await confirmReplySent(store, reply.replyId, { ...confirmation, eventId: randomUUID() });
  const { state } = await loadAggregate(store, streamId, replyDecider);
  assert.is(state.status, 'sent');
  assert.is(state.providerMessageId, 'confirmed-by-agent');
  assert.is((await store.readStream(streamId)).filter((event) => event.type === 'ReplySent').length, 1);
});

test('asking for the same reply twice records it once', async () => {
  const store = createInMemoryEventStore();
  await requestReply(store, reply, now);
  await requestReply(store, reply, now);
  assert.is((await store.readStream(replyStream(reply.replyId))).length, 1);
});

test.run();
