import { randomBytes } from 'node:crypto';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { customerStream } from '@hub/events';
import { createIdentityIndex, type IdentityIndex, identityIndexMigrations } from '@hub/identity-index';
import { interactionId, type NormalizedInteraction } from '@hub/interactions';
import { silentLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore, keyStoreMigrations } from '@hub/personal-data';
import { type RunningProjection, runProjection } from '@hub/projections';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { applyTimelineEvent, findCustomer, timelineMigrations, timelinePage, timelineReadModel } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createInteractionRecorder, type InteractionRecorder } from './interaction-recorder.ts';

interface Context {
  db: SqlDatabase;
  store: EventStore;
  index: IdentityIndex;
  recorder: InteractionRecorder;
  projection: RunningProjection;
}

const interaction = (
  channel: NormalizedInteraction['channel'],
  externalId: string,
  identifiers: NormalizedInteraction['contact']['identifiers'],
  text: string,
  occurredAt: string,
): NormalizedInteraction => ({
  id: interactionId(channel, 'test', externalId),
  channel: 'generic' === channel ? 'generic' : channel,
  source: { system: 'test', externalId },
  direction: 'inbound',
  occurredAt,
  contact: { identifiers, displayName: 'سارا رضایی' },
  threadKey: externalId,
  summary: text.slice(0, 40),
  text,
  html: null,
  details: { channel: 'generic', system: 'test', externalId, attributes: {} },
});

// The generic details stand in for every channel here; channel-specific details have their own tests.
const asChannel = (i: NormalizedInteraction): NormalizedInteraction => ({ ...i, channel: 'generic' });

const email = { kind: 'email' as const, value: 'sara@example.ir' };
const phone = { kind: 'phone' as const, value: '+989121234567' };
const telegram = { kind: 'handle' as const, value: 'telegram:4242' };
const facebook = { kind: 'handle' as const, value: 'facebook:777' };

const writer = suite<Context>('the timeline writer: one customer, one timeline, across channels');

writer.before(async (context) => {
  context.db = await openPGlite();
  await runMigrations(context.db, [
    ...eventStoreMigrations,
    ...keyStoreMigrations,
    ...identityIndexMigrations,
    ...timelineMigrations,
  ]);
  context.store = createSealingEventStore(
    createPostgresEventStore(context.db, { pollIntervalMs: 10 }),
    createSqlKeyStore(context.db),
  );
  context.index = createIdentityIndex(context.db, randomBytes(32));
  context.recorder = createInteractionRecorder({
    store: context.store,
    index: context.index,
    policy: 'review',
    logger: silentLogger(),
  });
  context.projection = await runProjection(
    { db: context.db, store: context.store, logger: silentLogger() },
    {
      name: 'timeline',
      filter: { streamPrefix: 'customer-' },
      readModel: timelineReadModel,
      apply: applyTimelineEvent,
    },
  );
});
writer.after(async ({ projection, db }) => {
  await projection.stop();
  await db.close();
});

writer(
  'email, then phone+email, then chat handle+phone, then social handle+email: one customer, four entries newest first',
  async (context) => {
    const first = await context.recorder.record(
      asChannel(interaction('email', 'm1', [email], 'سلام، سفارش ۱۲۳۴ کجاست؟', '2026-11-20T08:00:00Z')),
    );
    const second = await context.recorder.record(
      asChannel(interaction('phone', 'c1', [phone, email], 'تماس پیگیری', '2026-11-20T09:00:00Z')),
    );
    const third = await context.recorder.record(
      asChannel(interaction('chat', 't1', [telegram, phone], 'پیام تلگرام', '2026-11-20T10:00:00Z')),
    );
    const fourth = await context.recorder.record(
      asChannel(interaction('social', 'f1', [facebook, email], 'نظر در فیسبوک', '2026-11-20T11:00:00Z')),
    );
    assert.equal(
      [second.customerId, third.customerId, fourth.customerId],
      [first.customerId, first.customerId, first.customerId],
    );
    await context.projection.caughtUp();
    const entries = await timelinePage(context.db, first.customerId, { limit: 10 });
    assert.equal(
      entries.map((e) => e.text),
      ['نظر در فیسبوک', 'پیام تلگرام', 'تماس پیگیری', 'سلام، سفارش ۱۲۳۴ کجاست؟'],
    );
    const customer = await findCustomer(context.db, first.customerId);
    assert.equal(
      customer?.identifiers.map((i) => i.value).sort(),
      [email.value, phone.value, facebook.value, telegram.value].sort(),
    );
    assert.is(customer?.displayName, 'سارا رضایی');
  },
);

writer('the same interaction delivered three times is one timeline entry', async (context) => {
  const once = asChannel(interaction('chat', 'dup-1', [telegram], 'تکراری', '2026-11-21T08:00:00Z'));
  const results = [
    await context.recorder.record(once),
    await context.recorder.record(once),
    await context.recorder.record(once),
  ];
  assert.equal(
    results.map((r) => r.alreadyRecorded),
    [false, true, true],
  );
  await context.projection.caughtUp();
  const entries = await timelinePage(context.db, results[0]?.customerId ?? '', { limit: 50 });
  assert.is(entries.filter((e) => e.text === 'تکراری').length, 1);
});

writer(
  'identifiers of two customers on one interaction: a merge candidate, no automatic merge under review',
  async (context) => {
    const other = await context.recorder.record(
      asChannel(
        interaction('email', 'm-other', [{ kind: 'email', value: 'ali@example.com' }], 'other', '2026-11-21T09:00:00Z'),
      ),
    );
    const both = await context.recorder.record(
      asChannel(
        interaction(
          'email',
          'm-both',
          [email, { kind: 'email', value: 'ali@example.com' }],
          'both',
          '2026-11-21T10:00:00Z',
        ),
      ),
    );
    assert.is.not(both.customerId, other.customerId);
    const stream = await context.store.readStream(customerStream(both.customerId));
    const candidate = stream.find((e) => e.type === 'MergeCandidateDetected');
    assert.equal((candidate?.data as { candidateIds?: string[] } | undefined)?.candidateIds, [other.customerId]);
  },
);

writer.run();
