import { projectionMigrations } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase, type SqlExecutor } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { messageSearchMigrations } from './message-search.migrations.ts';
import { type MessageSearchFilter, REFERENCE_CAP, searchMessages } from './message-search.queries.ts';
import { messageQueryOf } from './message-words.ts';

// This machine runs PostgreSQL without autovacuum: right after a load there are no statistics.
// Every form of search must still take the indexes, never read the whole table.
const ROWS = 100_000;
const CUSTOMERS = 10_000;

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The plans of the queries `searchMessages` runs for this filter, with its parameters as it sends them. */
async function plansOf(db: SqlDatabase, filter: Omit<MessageSearchFilter, 'limit'>): Promise<PlanNode[]> {
  const plans: PlanNode[] = [];
  const explaining: SqlExecutor = {
    async query<Row>(text: string, params?: readonly unknown[]) {
      const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`, params);
      if (row) plans.push(row['QUERY PLAN'][0].Plan);
      return db.query<Row>(text, params);
    },
  };
  await searchMessages(explaining, { ...filter, limit: 21 });
  assert.ok(plans.length > 0, 'the search ran a query');
  return plans.flatMap(nodesOf);
}

const test = suite<Context>(`message search plans on ${ROWS.toLocaleString('en')} messages before any ANALYZE`);

test.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'message_search_plan' });
  context.db = connectPostgres({ url: context.database.url });
  await runMigrations(context.db, [...projectionMigrations, ...messageSearchMigrations]);
  // Words as the projection stores them: one rare word per message, a few shared by many, one by all.
  await context.db.query(
    `INSERT INTO read_models.message_search (interaction_id, customer_id, origin_customer_id, channel, direction,
       occurred_at, subject, body, words)
     SELECT 'i-' || n, 'c-' || (n % $2), 'c-' || (n % $2), CASE WHEN n % 100 = 0 THEN 'social' ELSE (ARRAY['email','chat','phone','generic'])[1 + n % 4] END,
            'inbound', timestamptz '2026-01-01' + n * interval '5 minutes', 'subject ' || n, 'body ' || n,
            array_to_tsvector(ARRAY['rare' || n, 'group' || (n % 100), 'سفارش', 'order'])
       FROM generate_series(1, $1) AS n`,
    [ROWS, CUSTOMERS],
  );
  const [stats] = await context.db.query<{ analyzed: boolean }>(
    `SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL AS analyzed
       FROM pg_stat_user_tables WHERE relname = 'message_search'`,
  );
  assert.is(stats?.analyzed, false, 'no statistics yet');
});
test.after(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

const cases: [string, Omit<MessageSearchFilter, 'limit'>][] = [
  ['a rare word', { query: messageQueryOf('rare4242') }],
  ['a word in every message', { query: messageQueryOf('order') }],
  ['a word beginning, Persian', { query: messageQueryOf('سفار') }],
  ['a customer', { query: messageQueryOf('order'), customerId: 'c-42' }],
  [
    'a channel and a week',
    { query: messageQueryOf('group7'), channel: 'chat', from: new Date('2026-03-01'), to: new Date('2026-03-08') },
  ],
  ['a rare channel', { query: messageQueryOf('order'), channel: 'social' }],
  ['a word only in old messages', { query: messageQueryOf('rare42') }],
  [
    'the next page',
    { query: messageQueryOf('order'), after: { occurredAt: '2026-06-01T00:00:00.000Z', interactionId: 'i-1' } },
  ],
];

for (const [name, filter] of cases) {
  test(`${name}: no sequential scan of the messages`, async ({ db }) => {
    const nodes = await plansOf(db, filter);
    const scans = nodes.filter((node) => node['Relation Name'] === 'message_search');
    assert.ok(scans.length > 0, 'the messages are read');
    for (const scan of scans)
      assert.is.not(scan['Node Type'], 'Seq Scan', JSON.stringify(nodes.map((n) => n['Node Type'])));
    const started = performance.now();
    await searchMessages(db, { ...filter, limit: 21 });
    const ms = performance.now() - started;
    assert.ok(ms < 500, `${Math.round(ms)} ms`);
  });
}

test('a term with a digit in more messages than the word index is asked for still pages newest first', async ({
  db,
}) => {
  // "group77" is in every hundredth message: 1,000 of them, REFERENCE_CAP; the newest are walked instead.
  assert.is(ROWS / 100, REFERENCE_CAP);
  const hits = await searchMessages(db, { query: messageQueryOf('group77'), limit: 21 });
  assert.equal(
    hits.map((hit) => hit.interactionId),
    Array.from({ length: 21 }, (_, n) => `i-${ROWS - 23 - 100 * n}`),
  );
  const rare = await searchMessages(db, { query: messageQueryOf('rare12345'), limit: 21 });
  assert.equal(
    rare.map((hit) => hit.interactionId),
    ['i-12345'],
  );
});

test('a search in every message answers its first page fast without statistics', async ({ db }) => {
  const started = performance.now();
  const hits = await searchMessages(db, { query: messageQueryOf('order'), limit: 21 });
  const ms = performance.now() - started;
  assert.is(hits.length, 21);
  assert.is(hits[0]?.interactionId, `i-${ROWS}`, 'newest first');
  assert.ok(ms < 2_000, `${Math.round(ms)} ms`);
});

test.run();
