import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ERASED_NETWORK, SOCIAL_ANALYTICS_PROJECTION, socialAnalyticsProjection } from '@hub/analytics';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore } from '@hub/event-store-postgres';
import { customerStream, type DomainEvent, type EventToAppend, encodeEvent } from '@hub/events';
import { createLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore, type KeyStore, PERSONAL_DATA_OF } from '@hub/personal-data';
import { type RunningProjection, runProjection, shardOf } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hubMigrations } from './hub.migrations.ts';

// `pnpm hub replay analytics-social` as an operator runs it (a process with the hub's configuration
// in its environment, progress on stderr), sharded in child processes and from a date, over a
// history the hub's sealing store holds: customers' comments and messages on Facebook and
// Instagram, one customer erased. Each replay must give the rows the live projection had.

const hubCommand = fileURLToPath(new URL('../../../scripts/hub.ts', import.meta.url));
const run = promisify(execFile);
const SHARDS = 3;
const PAGE_ID = '104729381234567';
const INSTAGRAM_ID = '17841405309211844';
const POST_A = `${PAGE_ID}_998877`;
const POST_B = `${PAGE_ID}_998878`;
const MEDIA_1 = '17900000000000001';
const MEDIA_2 = '17900000000000002';

type Platform = 'facebook-feed' | 'messenger' | 'instagram' | 'instagram-direct';
type Customer = 'sara' | 'reza' | 'maryam' | 'nasrin' | 'kian' | 'mina';
// Ids chosen so the six customers fall in all three shards (checked below).
const ids: Record<Customer, string> = {
  sara: '7b1d2c3e-4f5a-4b6c-8d7e-000000000000',
  reza: '7b1d2c3e-4f5a-4b6c-8d7e-000000000001',
  maryam: '7b1d2c3e-4f5a-4b6c-8d7e-000000000002',
  nasrin: '7b1d2c3e-4f5a-4b6c-8d7e-000000000003',
  kian: '7b1d2c3e-4f5a-4b6c-8d7e-000000000004',
  mina: '7b1d2c3e-4f5a-4b6c-8d7e-000000000005',
};
/** Asks to be forgotten after her comments and messages were projected. */
const ERASED: Customer = 'nasrin';

/** One social contact as the Meta mappers record it. */
interface Social {
  readonly customer: Customer;
  readonly platform: Platform;
  readonly direction: 'inbound' | 'outbound';
  /** The post or media a comment is on; null for messages. */
  readonly post?: string;
  /** A feed comment's edit or removal: not a new comment, no row. */
  readonly verb?: 'edited' | 'remove';
  readonly at: string;
}

/** Before the date the second replay starts from. */
const before: readonly Social[] = [
  { customer: 'sara', platform: 'facebook-feed', direction: 'inbound', post: POST_A, at: '2026-11-02T08:00:00Z' },
  { customer: 'sara', platform: 'facebook-feed', direction: 'outbound', post: POST_A, at: '2026-11-02T08:05:00Z' },
  { customer: 'sara', platform: 'messenger', direction: 'inbound', at: '2026-11-02T08:10:00Z' },
  {
    customer: 'sara',
    platform: 'facebook-feed',
    direction: 'inbound',
    post: POST_A,
    verb: 'edited',
    at: '2026-11-02T08:12:00Z',
  },
  { customer: 'reza', platform: 'instagram', direction: 'inbound', post: MEDIA_1, at: '2026-11-02T09:00:00Z' },
  { customer: 'reza', platform: 'instagram-direct', direction: 'inbound', at: '2026-11-02T09:02:00Z' },
  { customer: 'reza', platform: 'instagram-direct', direction: 'outbound', at: '2026-11-02T09:07:00Z' },
  { customer: 'maryam', platform: 'facebook-feed', direction: 'inbound', post: POST_B, at: '2026-11-02T09:30:00Z' },
  {
    customer: 'maryam',
    platform: 'facebook-feed',
    direction: 'inbound',
    post: POST_B,
    verb: 'remove',
    at: '2026-11-02T09:31:00Z',
  },
  { customer: 'nasrin', platform: 'facebook-feed', direction: 'inbound', post: POST_A, at: '2026-11-02T10:00:00Z' },
  {
    customer: 'nasrin',
    platform: 'facebook-feed',
    direction: 'inbound',
    post: POST_A,
    verb: 'edited',
    at: '2026-11-02T10:02:00Z',
  },
  { customer: 'nasrin', platform: 'messenger', direction: 'inbound', at: '2026-11-02T10:03:00Z' },
  { customer: 'nasrin', platform: 'instagram', direction: 'inbound', post: MEDIA_2, at: '2026-11-02T10:06:00Z' },
  { customer: 'kian', platform: 'instagram', direction: 'inbound', post: MEDIA_1, at: '2026-11-02T11:00:00Z' },
  { customer: 'kian', platform: 'messenger', direction: 'inbound', at: '2026-11-02T11:04:00Z' },
  { customer: 'mina', platform: 'instagram-direct', direction: 'inbound', at: '2026-11-02T12:00:00Z' },
  { customer: 'mina', platform: 'facebook-feed', direction: 'inbound', post: POST_B, at: '2026-11-02T12:09:00Z' },
];
/** Recorded after that date; then Nasrin is erased. */
const after: readonly Social[] = [
  { customer: 'sara', platform: 'instagram', direction: 'inbound', post: MEDIA_2, at: '2026-11-03T08:00:00Z' },
  { customer: 'nasrin', platform: 'instagram-direct', direction: 'inbound', at: '2026-11-03T08:30:00Z' },
  { customer: 'kian', platform: 'facebook-feed', direction: 'inbound', post: POST_B, at: '2026-11-03T09:00:00Z' },
  { customer: 'kian', platform: 'messenger', direction: 'outbound', at: '2026-11-03T09:05:00Z' },
  { customer: 'mina', platform: 'messenger', direction: 'inbound', at: '2026-11-03T10:00:00Z' },
];

interface TableSnapshot {
  /** A replay swaps new tables in: a new oid says the rows are the rebuilt ones. */
  readonly oid: string;
  /** Every row as JSON, ordered by all its columns. */
  readonly rows: readonly string[];
}

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  raw: EventStore;
  /** Events of the customers' streams (what the projection reads), and of those the ones from `from`. */
  events: number;
  eventsFrom: number;
  from: Date;
  /** The rows and checkpoint the live projection left. */
  live: TableSnapshot;
  liveCheckpoint: string;
}

const replays = suite<Context>('pnpm hub replay analytics-social, sharded and from a date (PostgreSQL)');

const withoutKafka = ({ KAFKA_BROKERS: _kafka, ...env }: NodeJS.ProcessEnv) => env;

const hub = (context: Context, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', hubCommand, ...args], {
    env: { ...withoutKafka(process.env), DATABASE_URL: context.database.url },
    timeout: 240_000,
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const socialEvent = (social: Social): DomainEvent => {
  const customerId = ids[social.customer];
  const comment = social.platform === 'facebook-feed' || social.platform === 'instagram';
  const objectId = `${social.platform}-${randomUUID()}`;
  return {
    type: 'InteractionRecorded',
    data: {
      interactionId: randomUUID(),
      customerId,
      direction: social.direction,
      conversationId: `social:${social.platform}:${social.customer}`,
      contact: { kind: 'handle', value: `${social.platform}:${social.customer}` },
      summary: social.verb === 'remove' ? 'Comment removed' : `${social.customer} on ${social.platform}`,
      text: social.verb === 'remove' ? '' : `Is the saffron tin back in stock? (${social.customer})`,
      html: null,
      details: {
        channel: 'social',
        platform: social.platform,
        objectId,
        parentId: null,
        pageId: social.platform.startsWith('instagram') ? INSTAGRAM_ID : PAGE_ID,
        postId: comment ? (social.post ?? null) : null,
        permalink: null,
        senderName: social.customer,
        username: null,
        verb: social.platform === 'facebook-feed' ? (social.verb ?? 'add') : null,
        editOf: social.verb ? `meta-comment-${social.customer}` : null,
        media: [],
      },
    },
  };
};

/** Appends as the hub's writer does: sealed with the customer's key, one append per customer. */
async function record(store: EventStore, history: readonly Social[], registering: boolean): Promise<number> {
  let appended = 0;
  for (const customer of Object.keys(ids) as Customer[]) {
    const customerId = ids[customer];
    const events: EventToAppend[] = [];
    const add = (event: DomainEvent, occurredAt: Date) =>
      events.push(
        encodeEvent(event, {
          id: randomUUID(),
          occurredAt,
          metadata: { [PERSONAL_DATA_OF]: customerId, channel: 'social' },
        }),
      );
    const own = history.filter((social) => social.customer === customer);
    if (registering)
      add(
        { type: 'CustomerRegistered', data: { customerId, displayName: `${customer} Karimi`, firstChannel: 'social' } },
        new Date(own[0]?.at ?? '2026-11-01T00:00:00Z'),
      );
    for (const social of own) add(socialEvent(social), new Date(social.at));
    if (customer === 'sara' && registering) {
      // Not social: no row.
      add(
        {
          type: 'InteractionRecorded',
          data: {
            interactionId: randomUUID(),
            customerId,
            direction: 'inbound',
            conversationId: 'email:sara',
            contact: { kind: 'email', value: 'sara@example.com' },
            summary: 'Order 1042',
            text: 'Where is my order?',
            html: null,
            details: {
              channel: 'email',
              messageId: '<order-1042@mail.example>',
              subject: 'Order 1042',
              from: 'sara@example.com',
              to: ['support@shop.example'],
              cc: [],
              inReplyTo: null,
              references: [],
              attachments: [],
              attachmentsNotStored: [],
              autoReply: false,
              bounce: false,
              bouncedRecipients: [],
              defects: [],
            },
          },
        },
        new Date('2026-11-02T08:20:00Z'),
      );
    }
    if (events.length === 0) continue;
    await store.appendToStream(customerStream(customerId), events);
    appended += events.length;
  }
  return appended;
}

/** Until the store's readers see `count` events: they see one once every older transaction of the cluster ended. */
async function readable(raw: EventStore, count: number): Promise<void> {
  for (let tries = 0; (await raw.readAll()).length < count; tries++) {
    if (tries === 300) throw new Error(`the ${count} events never became readable`);
    await sleep(100);
  }
}

async function snapshot(db: SqlDatabase): Promise<TableSnapshot> {
  const [table] = await db.query<{ oid: string }>("SELECT 'analytics.social_interactions'::regclass::oid::text AS oid");
  const rows = await db.query<{ row: string }>(
    `SELECT to_jsonb(t)::text AS row FROM analytics.social_interactions t
      ORDER BY interaction_id, customer_id, network, kind, direction, page_id, post_id, occurred_at, recorded_at`,
  );
  return { oid: table?.oid as string, rows: rows.map((r) => r.row) };
}

const checkpointOf = async (db: SqlDatabase) =>
  (
    await db.query<{ position: string }>('SELECT position FROM read_models.checkpoints WHERE projection = $1', [
      SOCIAL_ANALYTICS_PROJECTION,
    ])
  )[0]?.position;

/** The summary `pnpm hub replay` ends its output with: `<name>: N events (M applied) in …`. */
function summaryOf(stderr: string) {
  const last = stderr.trimEnd().split('\n').at(-1) ?? '';
  const match =
    /^analytics-social: (\d+) events \((\d+) applied(?: here, the others by the \d+ shard workers)?\) in \S+, [\d,]+ events\/s, swapped in at (\S+) \(replay ([0-9a-f-]{36})\)$/.exec(
      last,
    );
  assert.ok(match, `the last line says what the replay did:\n${stderr}`);
  const [, events, applied, checkpoint, id] = match;
  return { events: Number(events), applied: Number(applied), checkpoint: checkpoint as string, id: id as string };
}

interface ReplayRecord {
  state: string;
  from_date: Date | null;
  shards: number;
  events: string;
  checkpoint: string | null;
  error: string | null;
  finished_at: Date | null;
}

const replayRecord = async (db: SqlDatabase, id: string) =>
  (
    await db.query<ReplayRecord>(
      `SELECT state, from_date, shards, events::text AS events, checkpoint, error, finished_at
         FROM read_models.replays WHERE replay_id = $1::uuid AND projection = $2`,
      [id, SOCIAL_ANALYTICS_PROJECTION],
    )
  )[0];

/** The replayed table against the live one: the same rows, in new tables. */
function assertSameRows(replayed: TableSnapshot, live: TableSnapshot) {
  assert.is.not(replayed.oid, live.oid, 'the replayed table was swapped in');
  const missing = live.rows.filter((row) => !replayed.rows.includes(row));
  const extra = replayed.rows.filter((row) => !live.rows.includes(row));
  assert.equal({ missing, extra }, { missing: [], extra: [] }, 'rows the replay lacks, and rows the live one had not');
  assert.equal(replayed.rows, live.rows, 'row for row');
}

replays.before(async (context) => {
  const sharded = new Set(Object.values(ids).map((id) => shardOf(id, SHARDS)));
  assert.is(sharded.size, SHARDS, 'the customers fall in every shard');
  context.database = await createTestDatabase({ prefix: 'hub_replay_social' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 4 });
  await runMigrations(context.db, hubMigrations);
  // As the hub runs it: the sealing store over the SQL key store, the live projection reading through it.
  const raw = createPostgresEventStore(context.db);
  const keys: KeyStore = createSqlKeyStore(context.db);
  const store = createSealingEventStore(raw, keys);
  context.raw = raw;
  const logger = createLogger({ service: 'replay-social-test', level: 'error', destination: process.stderr });
  const live: RunningProjection = await runProjection({ db: context.db, store, logger }, socialAnalyticsProjection, {
    pollIntervalMs: 20,
  });
  try {
    let events = await record(store, before, true);
    await readable(raw, events);
    await live.caughtUp();
    // Nasrin's comments and messages, projected while her key opened them; her edit kept, not counted.
    const hers = await context.db.query<{ network: string; counted: boolean }>(
      'SELECT network, counted FROM analytics.social_interactions WHERE customer_id = $1 ORDER BY network, counted',
      [ids[ERASED]],
    );
    assert.equal(
      hers.map((r) => [r.network, r.counted]),
      [
        ['facebook', false],
        ['facebook', true],
        ['facebook', true],
        ['instagram', true],
      ],
    );

    // The date the second replay starts from: after every event so far, before every later one.
    await sleep(200);
    context.from = new Date();
    await sleep(200);
    events += await record(store, after, false);
    const erasedAt = new Date('2026-11-03T11:00:00Z');
    await store.appendToStream(customerStream(ids[ERASED]), [
      encodeEvent(
        {
          type: 'CustomerErased',
          data: { customerId: ids[ERASED], requestedBy: 'user-admin', reason: 'asked to be forgotten' },
        },
        { id: randomUUID(), occurredAt: erasedAt, metadata: { actor: 'user-admin' } },
      ),
    ]);
    // As the hub erases: the event first, then the key, so a replay reads her details as redacted.
    await keys.destroy(ids[ERASED]);
    events += 1;
    await readable(raw, events);
    await live.caughtUp();
  } finally {
    await live.stop();
  }
  const stored = await raw.readAll();
  context.events = stored.length;
  context.eventsFrom = stored.filter((event) => event.recordedAt >= context.from).length;
  assert.ok(
    stored.every((event) => event.recordedAt >= context.from === event.occurredAt >= new Date('2026-11-03')),
    'the date splits the history between the two appends',
  );
  context.live = await snapshot(context.db);
  const checkpoint = await checkpointOf(context.db);
  assert.ok(checkpoint, 'the live projection wrote its checkpoint');
  context.liveCheckpoint = checkpoint;
});

replays.after(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

replays('the live projection holds both networks, comments and messages, and the erasure', async (context) => {
  const rows = context.live.rows.map(
    (row) =>
      JSON.parse(row) as {
        customer_id: string | null;
        network: string;
        kind: string;
        post_id: string | null;
        counted: boolean;
      },
  );
  const social = [...before, ...after];
  assert.is(rows.length, social.length, 'one row per comment, message, edit or removal; none for email');
  const erased = social.filter((s) => s.customer === ERASED).length;
  assert.equal(
    rows.filter((r) => r.network === ERASED_NETWORK).map((r) => [r.customer_id, r.kind, r.post_id, r.counted]),
    Array.from({ length: erased }, () => [null, 'unknown', null, true]),
    "Nasrin's rows count (her edit too: it can no longer be told from a comment, in a replay or here), without her, their network or post",
  );
  assert.is(
    rows.filter((r) => !r.counted).length,
    social.filter((s) => s.verb && s.customer !== ERASED).length,
    'the edits and removals of the others are kept, not counted',
  );
  assert.not.ok(
    rows.some((r) => r.customer_id === ids[ERASED]),
    'no row names the erased customer',
  );
  const kept = rows.filter((r) => r.network !== ERASED_NETWORK);
  assert.equal([...new Set(kept.map((r) => `${r.network}/${r.kind}`))].sort(), [
    'facebook/comment',
    'facebook/message',
    'instagram/comment',
    'instagram/message',
  ]);
  assert.is(new Set(kept.map((r) => r.customer_id)).size, 5);
});

replays('--shards 3: child processes replay it, and the rows are the live ones', async (context) => {
  const { stderr } = await hub(context, 'replay', SOCIAL_ANALYTICS_PROJECTION, '--shards', String(SHARDS));
  const summary = summaryOf(stderr);
  assert.is(summary.events, context.events, stderr);
  assert.is(summary.checkpoint, context.liveCheckpoint, 'swapped in at the live checkpoint');

  const record = await replayRecord(context.db, summary.id);
  assert.ok(record, 'the replay is recorded');
  assert.equal(
    { state: record.state, shards: record.shards, from: record.from_date, error: record.error },
    { state: 'succeeded', shards: SHARDS, from: null, error: null },
  );
  assert.is(Number(record.events), context.events);
  assert.is(record.checkpoint, context.liveCheckpoint);
  assert.ok(record.finished_at);
  // Each worker read the history to the target and said it was done.
  const shards = await context.db.query<{ shard: number; state: string; events: string }>(
    'SELECT shard, state, events::text AS events FROM read_models.replay_shards WHERE replay_id = $1::uuid ORDER BY shard',
    [summary.id],
  );
  assert.equal(
    shards.map((s) => [s.shard, s.state, Number(s.events)]),
    Array.from({ length: SHARDS }, (_, shard) => [shard, 'done', context.events]),
  );

  assertSameRows(await snapshot(context.db), context.live);
  assert.is(await checkpointOf(context.db), context.liveCheckpoint);
});

replays(
  '--from <date>: only the events from the date are applied again, and the rows are the live ones',
  async (context) => {
    const from = context.from.toISOString();
    // A row from the date as a faulty handler might have left it: the replay makes it again.
    const spoiled = await context.db.query(
      `UPDATE analytics.social_interactions SET kind = 'message', post_id = NULL
      WHERE customer_id = $1 AND kind = 'comment' AND recorded_at >= $2 RETURNING interaction_id`,
      [ids.kian, context.from],
    );
    assert.is(spoiled.length, 1, "Kian's comment after the date");
    const swappedBefore = await snapshot(context.db);
    assert.equal(swappedBefore.rows.length, context.live.rows.length);
    assert.not.equal(swappedBefore.rows, context.live.rows);
    const { stderr } = await hub(context, 'replay', SOCIAL_ANALYTICS_PROJECTION, '--from', from);
    const summary = summaryOf(stderr);
    assert.is(summary.events, context.events, `every event is read through:\n${stderr}`);
    assert.ok(context.eventsFrom > 0 && context.eventsFrom < context.events, 'events on both sides of the date');
    assert.is(summary.applied, context.eventsFrom, `only the events recorded from ${from} are applied:\n${stderr}`);
    assert.is(summary.checkpoint, context.liveCheckpoint);

    const record = await replayRecord(context.db, summary.id);
    assert.ok(record, 'the replay is recorded');
    assert.equal(
      { state: record.state, shards: record.shards, from: record.from_date?.toISOString(), error: record.error },
      { state: 'succeeded', shards: 1, from, error: null },
    );
    assert.is(Number(record.events), context.events);
    assert.is(record.checkpoint, context.liveCheckpoint);

    const replayed = await snapshot(context.db);
    assert.is.not(replayed.oid, swappedBefore.oid, 'swapped in again');
    assertSameRows(replayed, context.live);
  },
);

replays.run();
