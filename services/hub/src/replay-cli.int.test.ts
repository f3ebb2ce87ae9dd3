import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPostgresEventStore } from '@hub/event-store-postgres';
import { customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { createSealingEventStore, createSqlKeyStore, PERSONAL_DATA_OF } from '@hub/personal-data';
import { connectPostgres, runMigrations } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hubMigrations } from './hub.migrations.ts';

// `pnpm hub` as an operator runs it: a process with the hub's configuration in its environment,
// progress on stderr (not a terminal here: plain lines), exports to a file.
const hubCommand = fileURLToPath(new URL('../../../scripts/hub.ts', import.meta.url));
const run = promisify(execFile);
const customerId = (n: number) => `3c9d1e2f-0000-4a5b-8c9d-${String(n).padStart(12, '0')}`;

interface Context {
  database: TestDatabase;
  dir: string;
}
const cli = suite<Context>('pnpm hub replay and export, on PostgreSQL');

cli.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'hub_cli' });
  context.dir = await mkdtemp(join(tmpdir(), 'hub-cli-'));
  const db = connectPostgres({ url: context.database.url, maxConnections: 2 });
  await runMigrations(db, hubMigrations);
  const store = createSealingEventStore(createPostgresEventStore(db), createSqlKeyStore(db));
  for (let n = 0; n < 5; n++) {
    const events: DomainEvent[] = [
      {
        type: 'CustomerRegistered',
        data: { customerId: customerId(n), displayName: `Darya "D" Karimi, ${n}`, firstChannel: 'email' },
      },
    ];
    await store.appendToStream(
      customerStream(customerId(n)),
      events.map((event) =>
        encodeEvent(event, {
          id: crypto.randomUUID(),
          occurredAt: new Date(Date.UTC(2026, 5, 1)),
          metadata: { [PERSONAL_DATA_OF]: customerId(n) },
        }),
      ),
    );
  }
  // Readers see an event once every transaction older than its own has ended, in any database of
  // the cluster (the store's global order): tests beside this one may hold one open for a while.
  // The replay reads to the head it sees, so wait until the five are seen.
  const raw = createPostgresEventStore(db);
  for (let tries = 0; (await raw.readAll()).length < 5; tries++) {
    if (tries === 300) throw new Error('the five events never became readable');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await db.close();
});
cli.after(async ({ database, dir }) => {
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const withoutKafka = ({ KAFKA_BROKERS: _kafka, ...env }: NodeJS.ProcessEnv) => env;

const hub = (context: Context, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', hubCommand, ...args], {
    // The test runner's Kafka is not this hub's: without KAFKA_BROKERS it needs no Kafka secrets.
    env: { ...withoutKafka(process.env), DATABASE_URL: context.database.url },
    timeout: 120_000,
  });

cli('a replay says what it did; a bad command line exits 2 with the usage', async (context) => {
  const { stderr } = await hub(context, 'replay', 'timeline');
  // Its last line; a slow machine may print progress lines before it.
  assert.match(
    stderr.trimEnd().split('\n').at(-1) ?? '',
    /^timeline: 5 events \(5 applied\) in \d+s, \d+ events\/s, swapped in at \d+\/\d+ \(replay [0-9a-f-]{36}\)$/,
    stderr,
  );
  const refused = await hub(context, 'replay', 'timeline', '--from', 'soon').then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  assert.is(refused?.code, 2);
  assert.match(refused?.stderr ?? '', /--from "soon" is not an ISO 8601 date[\s\S]*usage: pnpm hub/);
});

cli('exports: a read model table and the history as CSV, sealed unless asked to open', async (context) => {
  const customers = join(context.dir, 'customers.csv');
  await hub(context, 'export', 'read-model', 'timeline', '--table', 'customers', '--format', 'csv', '--out', customers);
  const rows = (await readFile(customers, 'utf8')).split('\r\n');
  assert.match(rows[0] ?? '', /^customer_id,display_name,/, rows.join('\n'));
  assert.ok(
    rows.some((row) => row.startsWith(`${customerId(3)},"Darya ""D"" Karimi, 3",`)),
    `the name quoted, its quotes doubled:\n${rows.join('\n')}`,
  );
  assert.is(rows.filter((row) => row !== '').length, 6);

  const sealed = join(context.dir, 'sealed.ndjson');
  await hub(context, 'export', 'events', '--format', 'ndjson', '--type', 'CustomerRegistered', '--out', sealed);
  const sealedText = await readFile(sealed, 'utf8');
  assert.is(sealedText.trim().split('\n').length, 5);
  assert.not.match(sealedText, 'Karimi');
  const opened = join(context.dir, 'opened.ndjson');
  await hub(context, 'export', 'events', '--format', 'ndjson', '--open-personal-data', '--out', opened);
  assert.match(await readFile(opened, 'utf8'), 'Darya \\"D\\" Karimi, 0');
});

cli.run();
