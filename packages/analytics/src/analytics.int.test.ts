import { randomUUID } from 'node:crypto';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import { silentLogger } from '@hub/logger';
import {
  type ProjectionDefinition,
  projectionMigrations,
  rebuildProjection,
  runProjection,
  useReadModelSchema,
} from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, historyWriter } from './analytics.fixture.ts';
import { analyticsMigrations } from './analytics.migrations.ts';
import { readChannelReport } from './channel-analytics.queries.ts';
import { conversationAnalyticsProjection } from './conversation-analytics.projection.ts';
import { readCsat, readResponseTimes, readSlaCompliance, readVolumes } from './conversation-analytics.queries.ts';
import { customerAnalyticsProjection } from './customer-analytics.projection.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  clock: { now: Date };
}

const projections = [conversationAnalyticsProjection, customerAnalyticsProjection];
const week = { from: at('Mon', '00:00'), to: new Date('2026-03-09T00:00:00Z') };

/** The live projections: one event per transaction through `apply`, as a trickle of live pages would. */
async function projectOneByOne(db: SqlDatabase, store: EventStore, projection: ProjectionDefinition) {
  for (const event of await store.readAll())
    await db.transaction(async (tx) => {
      await useReadModelSchema(tx, 'analytics');
      await projection.apply(tx, event);
    });
}

/**
 * Conversation A (email, maryam of team care): a first answer, a late next one, resolved, rated,
 * reopened by the customer, answered and resolved again. B (chat, reza of sales) written to just
 * before closing time, answered the next morning. C (email, nobody assigned) answered by a mail
 * sent from the mailbox. Business hours: Monday to Friday 09:00-17:00 UTC.
 */
async function writeConversations(store: EventStore, clock: { now: Date }) {
  const history = historyWriter(store, clock);
  await history.settings(at('Mon', '07:00'));
  const a = history.conversation('conv-a');
  await a.open(at('Mon', '08:00'), 'email', 'support', randomUUID());
  await a.message(at('Mon', '08:00'), 'inbound', 'email');
  await a.assign(at('Mon', '08:05'), 'maryam', 'care');
  await a.message(at('Mon', '09:20'), 'outbound', 'email', 'maryam');
  await a.message(at('Mon', '10:00'), 'inbound', 'email');
  await a.breached(at('Mon', '11:01'), 'next-response', at('Mon', '11:00'));
  await a.message(at('Mon', '11:30'), 'outbound', 'email', 'maryam');
  await a.resolve(at('Mon', '12:00'));
  await a.csatRequested(at('Mon', '12:00'), 'email');
  await a.csatRecorded(at('Mon', '12:30'), 5);
  await a.message(at('Mon', '14:00'), 'inbound', 'email');
  await a.reopen(at('Mon', '14:00'));
  await a.message(at('Mon', '14:10'), 'outbound', 'email', 'maryam');
  await a.resolve(at('Mon', '15:00'));
  await a.csatRequested(at('Mon', '15:00'), 'email');
  await a.csatRecorded(at('Mon', '15:05'), 2);
  const b = history.conversation('conv-b');
  await b.open(at('Mon', '16:50'), 'chat', 'chat', randomUUID());
  await b.message(at('Mon', '16:50'), 'inbound', 'chat');
  await b.assign(at('Mon', '16:51'), 'reza', 'sales');
  await b.message(at('Tue', '09:10'), 'outbound', 'chat', 'reza');
  await b.resolve(at('Tue', '10:00'));
  await b.csatRequested(at('Tue', '10:00'), 'chat');
  const c = history.conversation('conv-c');
  await c.open(at('Tue', '09:00'), 'email', 'support', randomUUID());
  await c.message(at('Tue', '09:00'), 'inbound', 'email');
  await c.message(at('Tue', '09:40'), 'outbound', 'email');
}

const x = '0b5c0a4e-6f1e-4a57-9b0e-3f5b7f1d2c11';
const y = '1c6d1b5f-7a2f-4b68-8c1f-4a6c8a2e3d22';

/** X writes by email then chat, Y by phone then email; Y is merged into X on Wednesday, unmerged Thursday, erased Friday. */
async function writeCustomers(store: EventStore, clock: { now: Date }) {
  const history = historyWriter(store, clock);
  await history.contact(at('Mon', '08:00'), x, 'email');
  const y1 = await history.contact(at('Mon', '09:00'), y, 'phone');
  await history.contact(at('Mon', '10:00'), x, 'chat');
  const y2 = await history.contact(at('Mon', '11:00'), y, 'email');
  const merged = { survivorId: x, mergedId: y, evidence: [], decidedBy: { kind: 'agent' as const, agentId: 'maryam' } };
  await history.customerEvent(new Date('2026-03-04T12:00:00Z'), y, { type: 'CustomersMerged', data: merged });
  await history.customerEvent(new Date('2026-03-04T12:00:01Z'), x, { type: 'CustomersMerged', data: merged });
  await history.customerEvent(new Date('2026-03-05T12:00:00Z'), y, {
    type: 'CustomersUnmerged',
    data: {
      survivorId: x,
      restoredId: y,
      identifiers: [],
      interactionIds: [y1, y2],
      reason: 'two people',
      decidedBy: { kind: 'agent', agentId: 'maryam' },
    },
  });
}

const test = suite<Context>('analytics');
test.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'analytics' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 2 });
  await runMigrations(context.db, [...projectionMigrations, ...analyticsMigrations]);
  context.clock = { now: new Date(0) };
  const clock = context.clock;
  context.store = createInMemoryEventStore({ now: () => clock.now });
});
test.after.each(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

test('volumes per day and hour, in a time zone, per channel and agent', async ({ db, store, clock }) => {
  await writeConversations(store, clock);
  await projectOneByOne(db, store, conversationAnalyticsProjection);
  const day = { ...week, granularity: 'day' as const, timeZone: 'UTC' };
  // Monday: A's 6 messages and B's first; Tuesday: B's answer and C's two.
  assert.equal(
    (await readVolumes(db, day)).map((r) => [r.bucket, r.interactions]),
    [
      ['2026-03-02T00:00:00.000Z', 7],
      ['2026-03-03T00:00:00.000Z', 3],
    ],
  );
  assert.equal(
    (await readVolumes(db, { ...day, groupBy: 'channel' })).map((r) => [r.bucket.slice(0, 10), r.key, r.interactions]),
    [
      ['2026-03-02', 'chat', 1],
      ['2026-03-02', 'email', 6],
      ['2026-03-03', 'chat', 1],
      ['2026-03-03', 'email', 2],
    ],
  );
  // In Tokyo (UTC+9) Monday ends at 15:00Z: B's 16:50Z message falls on Tuesday there.
  assert.equal(
    (await readVolumes(db, { ...day, timeZone: 'Asia/Tokyo' })).map((r) => [r.bucket, r.interactions]),
    [
      ['2026-03-01T15:00:00.000Z', 6],
      ['2026-03-02T15:00:00.000Z', 4],
    ],
  );
  const hours = await readVolumes(db, { ...day, granularity: 'hour', to: at('Mon', '12:00') });
  assert.equal(
    hours.map((r) => [r.bucket.slice(11, 16), r.interactions]),
    [
      ['08:00', 1],
      ['09:00', 1],
      ['10:00', 1],
      ['11:00', 1],
    ],
  );
  // Outbound by agent: maryam's three replies, reza's one, the mailbox's one (no agent).
  assert.equal(
    (
      await readVolumes(db, { ...week, granularity: 'week', timeZone: 'UTC', groupBy: 'agent', direction: 'outbound' })
    ).map((r) => [r.key, r.interactions]),
    [
      ['maryam', 3],
      ['reza', 1],
      [null, 1],
    ],
  );
});

test('first, next and resolution times: true percentiles, calendar and business, across a reopen', async ({
  db,
  store,
  clock,
}) => {
  await writeConversations(store, clock);
  await projectOneByOne(db, store, conversationAnalyticsProjection);
  const times = (metric: 'first' | 'next' | 'resolution', hours: 'calendar' | 'business', groupBy?: 'channel') =>
    readResponseTimes(db, { ...week, metric, hours, ...(groupBy ? { groupBy } : {}) });
  // First responses: A 08:00 -> 09:20 = 4800 s (business: 09:00-09:20 = 1200 s); B Mon 16:50 ->
  // Tue 09:10 = 58800 s (business: 10 min Monday + 10 min Tuesday = 1200 s); C 09:00 -> 09:40 =
  // 2400 s (all business). Sorted 2400, 4800, 58800: p50 is the first with >= 50% at or below
  // it (4800, 2 of 3), p90 and p99 the last.
  assert.equal(await times('first', 'calendar'), [
    { key: null, count: 3, p50: 4800, p90: 58800, p99: 58800, average: (4800 + 58800 + 2400) / 3 },
  ]);
  // Business: 1200, 1200, 2400.
  assert.equal((await times('first', 'business'))[0]?.p50, 1200);
  assert.equal((await times('first', 'business'))[0]?.p90, 2400);
  // Per channel: chat is B alone; email is A and C (2400, 4800: p50 = 2400, 1 of 2).
  assert.equal(
    (await times('first', 'calendar', 'channel')).map((r) => [r.key, r.count, r.p50]),
    [
      ['chat', 1, 58800],
      ['email', 2, 2400],
    ],
  );
  // Next responses, both A's: 10:00 -> 11:30 = 5400 s, and after the reopen 14:00 -> 14:10 = 600 s.
  const next = (await times('next', 'calendar'))[0];
  assert.equal([next?.count, next?.p50, next?.p90], [2, 600, 5400]);
  // Resolutions, one per episode: A 08:00 -> 12:00 (14400 s; business 09:00-12:00 = 10800 s),
  // A again 14:00 -> 15:00 after the reopen (3600 s), B Mon 16:50 -> Tue 10:00 (61800 s; business
  // 600 + 3600 = 4200 s).
  const resolution = (await times('resolution', 'calendar'))[0];
  assert.equal([resolution?.count, resolution?.p50, resolution?.p90], [3, 14400, 61800]);
  const business = (await times('resolution', 'business'))[0];
  assert.equal([business?.p50, business?.p90], [4200, 10800]);
  // As it stood on Monday 12:45: only A's first response and its first resolution were recorded.
  const then = await readResponseTimes(db, {
    ...week,
    asOf: at('Mon', '12:45'),
    metric: 'resolution',
    hours: 'calendar',
  });
  assert.equal([then[0]?.count, then[0]?.p50], [1, 14400]);
});

test('SLA compliance and CSAT', async ({ db, store, clock }) => {
  await writeConversations(store, clock);
  await projectOneByOne(db, store, conversationAnalyticsProjection);
  // First response (30 business min): A 20 min met, B 20 min met, C 40 min breached. Next response
  // (60): A 90 min breached (the recorded breach is the same target, counted once), A 10 min met.
  // Resolution (480 open business minutes): A 180 met, B 70 met; A's second episode decides nothing new.
  assert.equal(
    (await readSlaCompliance(db, week)).map((r) => [r.target, r.met, r.breached]),
    [
      ['first-response', 2, 1],
      ['next-response', 1, 1],
      ['resolution', 2, 0],
    ],
  );
  // Three requests (A twice, B once), two ratings (5 and 2): response rate 2/3, average 3.5, CSAT 1/2.
  assert.equal(await readCsat(db, week), [
    { key: null, requested: 3, rated: 2, responseRate: 2 / 3, average: 3.5, csat: 0.5, distribution: [0, 1, 0, 0, 1] },
  ]);
  const perTeam = await readCsat(db, { ...week, groupBy: 'team' });
  assert.equal(
    perTeam.map((r) => [r.key, r.requested, r.rated, r.average]),
    [
      ['care', 2, 2, 3.5],
      ['sales', 1, 0, null],
    ],
  );
  // On Monday 13:00 one request and its 5 were recorded.
  assert.equal((await readCsat(db, { ...week, asOf: at('Mon', '13:00') }))[0]?.average, 5);
});

test('channel switching: a merge joins two customers, the unmerge parts them exactly, erasure keeps counts', async ({
  db,
  store,
  clock,
}) => {
  await writeCustomers(store, clock);
  await projectOneByOne(db, store, customerAnalyticsProjection);
  const report = (asOf?: Date) => readChannelReport(db, { ...week, ...(asOf ? { asOf } : {}) });
  const pairs = (r: Awaited<ReturnType<typeof report>>) => r.transitions.map((t) => `${t.from}>${t.to}:${t.count}`);
  // Apart: X email -> chat, Y phone -> email.
  assert.equal(pairs(await report(new Date('2026-03-04T00:00:00Z'))), ['email>chat:1', 'phone>email:1']);
  // Merged (Wednesday to Thursday): one person, email 08:00, phone 09:00, chat 10:00, email 11:00.
  const merged = await report(new Date('2026-03-04T18:00:00Z'));
  assert.equal(pairs(merged), ['chat>email:1', 'email>phone:1', 'phone>chat:1']);
  assert.equal(merged.switches, 3);
  // Their preferred channel: email (2 of 4), one customer.
  assert.equal(merged.preferredBy, [{ channel: 'email', customers: 1 }]);
  // Now, after the unmerge: two people again.
  const now = await report();
  assert.equal(pairs(now), ['email>chat:1', 'phone>email:1']);
  assert.equal(
    now.preference.map((p) => [p.channel, p.contacts, p.share]),
    [
      ['chat', 1, 0.25],
      ['email', 2, 0.5],
      ['phone', 1, 0.25],
    ],
  );
  // Y erased: the four contacts still count, none of them points at Y, so Y has no sequence.
  await historyWriter(store, clock).customerEvent(new Date('2026-03-06T12:00:00Z'), y, {
    type: 'CustomerErased',
    data: { customerId: y, requestedBy: 'dpo', reason: null },
  });
  await projectOneByOne(db, store, customerAnalyticsProjection);
  const erased = await report();
  assert.equal(pairs(erased), ['email>chat:1']);
  assert.equal(
    erased.preference.reduce((sum, p) => sum + p.contacts, 0),
    4,
  );
  assert.equal(await db.query('SELECT 1 FROM analytics.customer_contacts WHERE customer_id = $1', [y]), []);
  assert.equal(
    await db.query('SELECT 1 FROM analytics.customer_merges WHERE merged_id = $1 OR survivor_id = $1', [y]),
    [],
  );
});

test('each projection rebuilt from the store equals the live one, row for row', async ({ db, store, clock }) => {
  await writeConversations(store, clock);
  await writeCustomers(store, clock);
  await historyWriter(store, clock).customerEvent(new Date('2026-03-06T12:00:00Z'), y, {
    type: 'CustomerErased',
    data: { customerId: y, requestedBy: 'dpo', reason: null },
  });
  for (const projection of projections) {
    // Live: the runner, page by page from its checkpoint.
    const running = await runProjection({ db, store, logger: silentLogger() }, projection, { batchSize: 5 });
    await running.caughtUp();
    await running.stop();
    const rows = async () =>
      Promise.all(
        projection.readModel.tables.map((table) =>
          db.query(`SELECT to_jsonb(t) AS row FROM analytics.${table} t ORDER BY to_jsonb(t)::text`),
        ),
      );
    const live = await rows();
    assert.ok(
      live.some((table) => table.length > 0),
      `${projection.name} has rows`,
    );
    // One event a page, pages that split the history elsewhere, one page holding all of it: conv-a's
    // recorded breach and the late answer the fold judges fall in one page or in two.
    for (const batchSize of [1, 7, 10_000]) {
      await rebuildProjection({ db, store, logger: silentLogger() }, projection, { batchSize });
      assert.equal(await rows(), live, `${projection.name} rebuilt in pages of ${batchSize} equals the live one`);
    }
  }
});

test.run();
