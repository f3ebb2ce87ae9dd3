import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ProvidedPostgres, providePostgres } from './postgres.provider.ts';
import { findPostgresBinaries, isPostgresReachable, startLocalPostgres } from './servers/postgres-local.ts';
import { createTestDatabase } from './test-database.ts';

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const tableCount = async (url: string) =>
  (await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"))[0]?.n;

const databases = suite<{ server?: ProvidedPostgres }>('createTestDatabase', {});

databases.before(async (context) => {
  context.server = await providePostgres();
});

databases.after(async (context) => {
  await context.server?.stop();
});

databases('two calls give two distinct empty databases that do not share tables', async (context) => {
  const adminUrl = context.server?.url as string;
  const first = await createTestDatabase({ adminUrl, prefix: 'hub_testing' });
  const second = await createTestDatabase({ adminUrl, prefix: 'hub_testing' });
  try {
    assert.is.not(first.name, second.name);
    assert.is.not(first.url, second.url);
    assert.is(await tableCount(first.url), 0);
    assert.is(await tableCount(second.url), 0);
    await query(first.url, 'CREATE TABLE customer_note (id bigint PRIMARY KEY, body text NOT NULL)');
    await query(first.url, "INSERT INTO customer_note VALUES (1, 'سلام، مشتری گرامی')");
    assert.equal(await query(first.url, 'SELECT body FROM customer_note'), [{ body: 'سلام، مشتری گرامی' }]);
    assert.is(await tableCount(second.url), 0, 'the table exists only where it was made');
  } finally {
    await first.drop();
    await second.drop();
  }
  const left = await query(adminUrl, 'SELECT datname FROM pg_database WHERE datname = ANY($1)', [
    [first.name, second.name],
  ]);
  assert.equal(left, [], 'drop() removed both databases');
});

databases('drop() succeeds while a connection to the database is still open', async (context) => {
  const database = await createTestDatabase({ adminUrl: context.server?.url as string });
  const lingering = new pg.Client({ connectionString: database.url });
  lingering.on('error', () => {});
  await lingering.connect();
  await database.drop();
  await lingering.end().catch(() => {});
  assert.ok(true);
});

databases('without an admin URL it finds a server by itself', async () => {
  const database = await createTestDatabase();
  try {
    assert.equal(await query(database.url, 'SELECT current_database() AS name'), [{ name: database.name }]);
  } finally {
    await database.drop();
  }
});

databases.run();

const debianServer = suite('startLocalPostgres (Debian binaries)');
const binaries = findPostgresBinaries();

(binaries ? debianServer : debianServer.skip)('starts a private server and removes it on stop()', async () => {
  const server = await startLocalPostgres();
  const url = new URL(server.url);
  assert.is.not(url.port, '5432');
  assert.is(await isPostgresReachable(server.url), true);
  const [settings] = await query<{ fsync: string }>(server.url, 'SHOW fsync');
  assert.is(settings?.fsync, 'on', 'fsync left on so timings are real');
  await server.stop();
  assert.is(await isPostgresReachable(server.url, 500), false);
  assert.not.ok(existsSync(dirname(server.logFile)), 'its data folder is gone');
});

debianServer.run();
