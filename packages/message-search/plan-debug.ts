import { connectPostgres, runMigrations, type SqlExecutor } from '@hub/sql';
import { createTestDatabase } from '@hub/testing';
import { projectionMigrations } from '@hub/projections';
import { messageSearchMigrations } from './src/message-search.migrations.ts';
import { searchMessages } from './src/message-search.queries.ts';
import { messageQueryOf } from './src/message-words.ts';
const N = Number(process.argv[2] ?? 100000);
const database = await createTestDatabase({ adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres', prefix: 'ms_debug' });
const db = connectPostgres({ url: database.url });
await runMigrations(db, [...projectionMigrations, ...messageSearchMigrations]);
await db.query(`INSERT INTO read_models.message_search (interaction_id, customer_id, origin_customer_id, channel, direction,
       occurred_at, subject, body, words)
     SELECT 'i-' || n, 'c-' || (n % 10000), 'c-' || (n % 10000), CASE WHEN n % 100 = 0 THEN 'social' ELSE (ARRAY['email','chat','phone','generic'])[1 + n % 4] END,
            'inbound', timestamptz '2026-01-01' + n * interval '1 minute', 'subject ' || n, 'body ' || n,
            array_to_tsvector(ARRAY['rare' || n, 'group' || (n % 100), 'سفارش', 'order'])
       FROM generate_series(1, ${N}) AS n`);
const explain: SqlExecutor = { async query<Row>(text: string, params?: readonly unknown[]) {
  const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${text}`, params);
  process.stdout.write(rows.map((r) => r['QUERY PLAN']).join('\n') + '\n');
  return await db.query<Row>(text, params);
} };
for (const [q, c] of [['order', undefined], ['rare4242', undefined], ['group7', undefined], ['order', 'c-42'], ['zzz', undefined], ['rare42', undefined]] as const) {
  await searchMessages(explain, { query: messageQueryOf(q), limit: 21, ...(c ? { customerId: c } : {}) });
  const t = performance.now();
  for (let i = 0; i < 5; i++) await searchMessages(db, { query: messageQueryOf(q), limit: 21, ...(c ? { customerId: c } : {}) });
  process.stdout.write(`== ${q} ${c} ${((performance.now() - t) / 5).toFixed(1)} ms\n`);
}
await db.close(); await database.drop();
