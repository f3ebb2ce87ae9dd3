import { projectionMigrations, useReadModelSchema } from '@hub/projections';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase, type SqlExecutor } from '@hub/sql';
import { createTestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CustomerSearch, searchCustomers } from './customer-search.queries.ts';
import { refreshSearchTexts } from './search-text.sql.ts';
import { timelineMigrations } from './timeline.migrations.ts';

// Customer search on 100,000 customers that were never analysed (autovacuum is off on the machines
// the hub meets): every statement it issues must read an index, on PostgreSQL and on PGlite.
const CUSTOMERS = 100_000;

// Filled in chunks, each its own short transaction: a long one anywhere on the server holds back
// what other tests' event-store readers may see (the store reads below the oldest running xid).
const CHUNK = 10_000;
const fillCustomersSql = `
INSERT INTO read_models.customers (customer_id, display_name, first_channel, created_at)
SELECT 'customer-' || n, f.name || ' ' || l.name, 'email', now()
  FROM generate_series($1::int, $2::int) n,
       LATERAL (SELECT (ARRAY['علی','رضا','سارا','فاطمه','محمد','زهرا','ali','sara','reza','maryam'])[1 + n % 10] AS name) f,
       LATERAL (SELECT (ARRAY['کریمی','احمدی','رحیمی','karimi','ahmadi','rahimi','hosseini'])[1 + (n / 10) % 7] || n AS name) l`;
const fillTermsSql = `
INSERT INTO read_models.customer_search_terms (customer_id, kind, term)
SELECT c.customer_id, t.kind, t.term
  FROM read_models.customers c,
       LATERAL (VALUES ('name', lower(c.display_name)),
                       ('word', lower(split_part(c.display_name, ' ', 1))),
                       ('email', 'user' || substr(c.customer_id, 10) || '@example.com'),
                       ('phone_tail', reverse('98912' || lpad(substr(c.customer_id, 10), 7, '0')))) AS t(kind, term)
 WHERE c.customer_id = ANY(ARRAY(SELECT 'customer-' || n FROM generate_series($1::int, $2::int) n))`;

/** The trigram index is dropped and made again as the migration defined it: one bulk build, not 400,000 inserts. */
async function fill(db: SqlDatabase): Promise<void> {
  const [trigram] = await db.query<{ definition: string }>(
    "SELECT pg_get_indexdef('read_models.customer_search_terms_name_trgm_idx'::regclass) AS definition",
  );
  await db.query('DROP INDEX read_models.customer_search_terms_name_trgm_idx');
  for (let from = 1; from <= CUSTOMERS; from += CHUNK) {
    await db.query(fillCustomersSql, [from, from + CHUNK - 1]);
    await db.query(fillTermsSql, [from, from + CHUNK - 1]);
  }
  await db.query(trigram?.definition ?? 'no trigram index');
}

/** Runs the real query function, keeping each statement it sends. */
function recording(db: SqlExecutor) {
  const statements: { text: string; params: readonly unknown[] }[] = [];
  const executor: SqlExecutor = {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      statements.push({ text, params });
      return db.query<Row>(text, params);
    },
  };
  return { executor, statements };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const scans = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(scans)];

const searches: [string, Omit<CustomerSearch, 'limit'>][] = [
  ['a name', { text: 'Ali Karimi' }],
  ['a Persian word', { text: 'كريمي' }],
  ['two letters', { text: 'al' }],
  ['one letter', { text: 'a' }],
  ['an email prefix', { text: 'user123@ex' }],
  ['a phone, national form', { text: '۰۹۱۲۰۰۰۱۲۳۴', phone: '+989120001234' }],
  ['a phone, last seven digits', { text: '0001234' }],
  ['LIKE characters', { text: '%_\\' }],
];

const engines: [string, () => Promise<{ db: SqlDatabase; dispose(): Promise<void> }>][] = [
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase({ prefix: 'customer_search_plans' });
      const db = connectPostgres({ url: database.url, maxConnections: 2 });
      const dispose = async () => {
        await db.close();
        await database.drop();
      };
      return { db, dispose };
    },
  ],
  [
    'PGlite',
    async () => {
      const db = await openPGlite();
      return { db, dispose: () => db.close() };
    },
  ],
];

for (const [engine, open] of engines) {
  const plans = suite(`customer search plans on ${engine}, ${CUSTOMERS} customers, no statistics`);

  plans('every statement of every kind of search reads an index, never every customer', async () => {
    const { db, dispose } = await open();
    try {
      await runMigrations(db, [...projectionMigrations, ...timelineMigrations]);
      await fill(db);
      const stats = await db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM pg_stats WHERE schemaname = 'read_models' AND tablename = 'customer_search_terms'",
      );
      assert.is(stats[0]?.n, '0', 'no statistics: the planner is on its own');
      const assertIndexed = async (
        what: string,
        tx: SqlExecutor,
        statements: ReturnType<typeof recording>['statements'],
      ) => {
        for (const { text, params } of statements) {
          const [row] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`, params);
          const plan = row?.['QUERY PLAN'][0]?.Plan;
          assert.ok(plan, `${what}: a plan`);
          const seq = scans(plan).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name']);
          assert.equal(
            seq.map((n) => n['Relation Name']),
            [],
            `${what}: a sequential scan in\n${text}\n${JSON.stringify(plan, null, 1)}`,
          );
        }
      };
      for (const [what, search] of searches) {
        const { executor, statements } = recording(db);
        const page = await searchCustomers(executor, { ...search, limit: 20 });
        if (what.startsWith('a phone')) assert.ok(page.customers.length > 0, `${what}: found`);
        await assertIndexed(what, db, statements);
      }
      // The projection's side: refreshing a page's customers must not read every customer either.
      await db.transaction(async (tx) => {
        await useReadModelSchema(tx, 'read_models');
        const { executor, statements } = recording(tx);
        await refreshSearchTexts(executor, ['customer-17', 'customer-4242', 'customer-99999']);
        await assertIndexed('refreshing search terms', tx, statements);
      });
    } finally {
      await dispose();
    }
  });

  plans.run();
}
