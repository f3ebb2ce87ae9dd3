// The data set of `pnpm bench:agent` and `pnpm bench:search`: customers' histories appended through
// the real (sealing) store into a fresh database, the hub started on it as an operator runs it,
// and the wait until its projections have built their read models.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CONVERSATION_LINKER, CONVERSATION_ROUTER } from '@hub/agent-workspace';
import { AUDIT_TRAIL_PROJECTION } from '@hub/audit-trail';
import type { EventStore, StreamAppend } from '@hub/event-store';
import { createPostgresEventStore } from '@hub/event-store-postgres';
import { comparePositions, formatPosition, type GlobalPosition, parsePosition } from '@hub/events';
import { CONVERSATIONS_PROJECTION } from '@hub/inbox';
import { silentLogger } from '@hub/logger';
import { MESSAGE_SEARCH_PROJECTION } from '@hub/message-search';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { ROUTING_PROJECTION } from '@hub/routing-read-model';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { TIMELINE_PROJECTION } from '@hub/timeline';
import { hubMigrations } from '../src/hub.migrations.ts';
import { customerHistory, type LinkedConversation } from './agent-load.ts';
import { round } from './bench-load.ts';
import { type HubProcess, startHubProcess } from './hub-processes.ts';

export const say = (line: string) => process.stdout.write(`${line}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const BATCH_CUSTOMERS = Number(process.env.BENCH_BATCH_CUSTOMERS ?? 200);
export const channelToken = 'bench-channel-token-0123456789';
/** The hub's first admin (HUB_ADMIN_EMAIL, HUB_ADMIN_PASSWORD), for a sign-in through the console's form too. */
export const adminEmail = 'bench-admin@hub.example';
export const adminPassword = `bench-${randomBytes(8).toString('hex')}`;
// BENCH_MASTER_KEY (base64, 32 bytes) lets a later run start a hub on a data set kept from an earlier one.
const masterKey = process.env.BENCH_MASTER_KEY ? Buffer.from(process.env.BENCH_MASTER_KEY, 'base64') : randomBytes(32);
/** The hub's key of the thread index, derived from the master key as services/hub/src/secrets.ts derives it. */
const threadIndexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'hub:thread-index', 32));

export interface Dataset {
  readonly database: TestDatabase;
  /** A pool of 20 on the database, for the raw figures and the waits. */
  readonly db: SqlDatabase;
  readonly rawStore: EventStore;
  /** The store as the hub reads it: personal data sealed. */
  readonly store: EventStore;
  close(): Promise<void>;
}

export async function createDataset(prefix: string): Promise<Dataset> {
  const database = await createTestDatabase({ prefix });
  const db = connectPostgres({ url: database.url, maxConnections: 20 });
  await runMigrations(db, hubMigrations, { logger: silentLogger() });
  const rawStore = createPostgresEventStore(db);
  const store = createSealingEventStore(rawStore, createSqlKeyStore(db));
  return {
    database,
    db,
    rawStore,
    store,
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

/**
 * Appends the histories of customers `from` to `to` in batches, through the sealing store as the
 * writer does. `seeded`: with the conversation events the linker would append, and the linker's
 * own index rows (what it writes beside them; keyed hashes of the thread keys); otherwise the
 * customer streams only, so the linker itself files those interactions into conversations.
 */
async function load(
  { store, db }: Dataset,
  range: { from: number; to: number },
  seeded: boolean,
  customers: number,
): Promise<{ events: number; conversations: number; seconds: number }> {
  let events = 0;
  let conversations = 0;
  const started = performance.now();
  let reported = started;
  const inFlight: Promise<void>[] = [];
  const hash = (key: string) => createHmac('sha256', threadIndexKey).update(key).digest('base64url');
  for (let first = range.from; first < range.to; first += BATCH_CUSTOMERS) {
    const appends: StreamAppend[] = [];
    const linked: LinkedConversation[] = [];
    for (let c = first; c < Math.min(range.to, first + BATCH_CUSTOMERS); c++) {
      const history = customerHistory(c);
      appends.push(...(seeded ? history.appends : history.appends.slice(0, 1)));
      linked.push(...history.linked);
    }
    const keys = linked.flatMap((l) => l.threadKeys.map((key) => [hash(key), l.conversationId]));
    // The next batch is made while this one is appended: two in flight keep both cores busy.
    inFlight.push(
      store.appendToStreams(appends).then(async () => {
        if (!seeded) return;
        await db.query(
          `INSERT INTO workspace.linked_conversations (conversation_id, customer_id, channel, last_activity_at)
           SELECT unnest($1::text[]), unnest($2::text[]), 'email', unnest($3::timestamptz[])`,
          [linked.map((l) => l.conversationId), linked.map((l) => l.customerId), linked.map((l) => l.lastActivityAt)],
        );
        await db.query(
          'INSERT INTO workspace.thread_keys (key_hash, conversation_id) SELECT unnest($1::text[]), unnest($2::text[])',
          [keys.map(([h]) => h), keys.map(([, id]) => id)],
        );
      }),
    );
    if (inFlight.length >= 2) await inFlight.shift();
    for (const a of appends) {
      events += a.events.length;
      if (a.streamId.startsWith('conversation-')) conversations += 1;
    }
    const done = Math.min(range.to, first + BATCH_CUSTOMERS);
    if (done === range.to || performance.now() - reported > 10_000) {
      reported = performance.now();
      const seconds = (reported - started) / 1000;
      say(
        `  loaded ${done.toLocaleString('en')} / ${customers.toLocaleString('en')} customers, ${events.toLocaleString('en')} events, ${round(events / seconds)} events/s; load average ${loadAverage()}`,
      );
    }
  }
  await Promise.all(inFlight);
  return { events, conversations, seconds: (performance.now() - started) / 1000 };
}

/**
 * The histories of `customers` customers: the first `customers - sample` with the conversations
 * the linker makes of their emails (and the linker's checkpoint past them), the last `sample` as
 * customer streams only, for the hub's linker to file.
 */
export async function loadHistories(dataset: Dataset, customers: number, sample: number) {
  const seeded = await load(dataset, { from: 0, to: customers - sample }, true, customers);
  const seededHead = await headOf(dataset.db, 'customer-');
  if (seededHead) {
    await dataset.db.query('INSERT INTO read_models.checkpoints (projection, position) VALUES ($1, $2)', [
      CONVERSATION_LINKER,
      formatPosition(seededHead),
    ]);
  }
  const unfiled = await load(dataset, { from: customers - sample, to: customers }, false, customers);
  return {
    events: seeded.events + unfiled.events,
    conversations: seeded.conversations + 2 * sample,
    seconds: seeded.seconds + unfiled.seconds,
  };
}

/** The hub (every role, one process, as `npm start` on PostgreSQL) on the data set's database. */
export function startBenchHub(dataset: Dataset, env: Record<string, string> = {}): Promise<HubProcess> {
  return startHubProcess({
    DATABASE_URL: dataset.database.url,
    HUB_CHANNEL_TOKEN: channelToken,
    HUB_AGENT_TOKEN: 'bench-agent-token-0123456789',
    HUB_MASTER_KEY: masterKey.toString('base64'),
    HUB_ADMIN_EMAIL: adminEmail,
    HUB_ADMIN_PASSWORD: adminPassword,
    ...env,
  });
}

/** A session token of the hub's first admin. */
export async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** The last event appended to streams of this prefix, as the store orders them. */
export async function headOf(db: SqlDatabase, prefix: string): Promise<GlobalPosition | undefined> {
  const [row] = await db.query<{ position: string }>(
    `SELECT transaction_id::text || '/' || global_position::text AS position FROM event_store.events
      WHERE starts_with(stream_id, $1) ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    [prefix],
  );
  return row ? parsePosition(row.position) : undefined;
}

async function checkpoints(db: SqlDatabase): Promise<Map<string, GlobalPosition>> {
  const rows = await db.query<{ projection: string; position: string }>(
    'SELECT projection, position FROM read_models.checkpoints',
  );
  return new Map(rows.map((r) => [r.projection, parsePosition(r.position)]));
}

/**
 * What the benches wait for before they read, with the streams each reads: the timeline, the
 * linker, the conversations; then the projections that read every stream, whose catch-up must not
 * share the cores with the reads.
 */
export const builtReadModels: readonly { name: string; prefix: string }[] = [
  { name: TIMELINE_PROJECTION, prefix: 'customer-' },
  { name: CONVERSATION_LINKER, prefix: 'customer-' },
  { name: CONVERSATIONS_PROJECTION, prefix: 'conversation-' },
  { name: MESSAGE_SEARCH_PROJECTION, prefix: '' },
  { name: ROUTING_PROJECTION, prefix: '' },
  { name: CONVERSATION_ROUTER, prefix: '' },
  { name: AUDIT_TRAIL_PROJECTION, prefix: '' },
];

/**
 * Waits until each projection's checkpoint reaches the last event it reads (the conversations'
 * head moves while the linker appends), in this order; prints progress. Seconds each took from
 * `started`.
 */
export async function untilProjected(
  db: SqlDatabase,
  projections: readonly { name: string; prefix: string }[],
  started: number,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  let reported = performance.now();
  for (const { name, prefix } of projections) {
    for (;;) {
      const head = await headOf(db, prefix);
      const checkpoint = (await checkpoints(db)).get(name);
      if (!head || (checkpoint && comparePositions(checkpoint, head) >= 0)) break;
      if (performance.now() - reported > 10_000) {
        reported = performance.now();
        const at = await checkpoints(db);
        const progress = projections
          .filter((p) => done[p.name] === undefined)
          .map((p) => `${p.name} at ${at.get(p.name)?.prepare ?? 0}`)
          .join(', ');
        say(
          `  building after ${round((performance.now() - started) / 1000)} s: ${progress} (global positions; head ${head.prepare}); load average ${loadAverage()}`,
        );
      }
      await sleep(250);
    }
    done[name] = (performance.now() - started) / 1000;
  }
  return done;
}
