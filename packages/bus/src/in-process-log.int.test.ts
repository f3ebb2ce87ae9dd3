import { Writable } from 'node:stream';
import { HubError, isHubError } from '@hub/errors';
import { createLogger } from '@hub/logger';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, uniqueName } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { logContract } from './contract/index.ts';
import { recorder, seqOf, sleep, toMessage, waitUntil } from './contract/log-contract.harness.ts';
import { createInProcessLog, type InProcessLogOptions } from './in-process-log.ts';
import type { InteractionLog } from './interaction-log.port.ts';
import { createSqlDeadLetters, deadLetterMigrations } from './sql-dead-letters.ts';

interface Context {
  db: SqlDatabase;
  logs: InteractionLog[];
}

// The embedded mode: dead letters in PGlite, as `start` on a fresh machine keeps them.
const contract = suite<Context>('in-process log: the interaction log contract (PGlite dead letters)');
contract.before(async (context) => {
  context.logs = [];
  context.db = await openPGlite();
  await runMigrations(context.db, deadLetterMigrations);
});
contract.after.each(async ({ logs }) => {
  for (const log of logs.splice(0)) await log.close();
});
contract.after(async ({ db }) => db.close());

const open = (context: Context, options: Partial<InProcessLogOptions> = {}) => {
  const log = createInProcessLog({ db: context.db, name: uniqueName('log'), ...options });
  context.logs.push(log);
  return log;
};

for (const c of logContract) {
  contract(c.name, (context) =>
    c.run({ timeoutMs: 10_000, openLog: async (settings) => open(context, { retry: settings?.retry ?? {} }) }),
  );
}

contract(
  'a retriable failure past the limit rejects the publish with a retriable 503 and logs each try',
  async (context) => {
    const lines: Array<{ msg: string; attempt?: number }> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = createLogger({ service: 'test', level: 'debug', destination: sink });
    const log = open(context, { logger, retry: { initialDelayMs: 5, maxDelayMs: 20, retriableAttempts: 3 } });
    const down = new HubError('EVENT_STORE_UNAVAILABLE', 'the store is down');
    await log.consume({ group: 'writer', handle: async () => Promise.reject(down) });
    const error = await log.publish([toMessage({ key: 'k', seq: 0 })]).catch((e: unknown) => e);
    assert.ok(isHubError(error, 'INTAKE_UNAVAILABLE'), String(error));
    assert.is(error.httpStatus, 503);
    assert.ok(error.retriable);
    assert.is(error.cause, down);
    const retries = lines.filter((line) => line.msg.startsWith('handler failed; retrying'));
    assert.equal(
      retries.map((line) => line.attempt),
      [1, 2],
    );
    assert.equal(await log.deadLetters.list(), [], 'a message given back to its publisher is no dead letter');
  },
);

contract('publishing with no consumer, or after close, is refused as retriable', async (context) => {
  const log = open(context);
  const refused = await log.publish([toMessage({ key: 'k', seq: 0 })]).catch((e: unknown) => e);
  assert.ok(isHubError(refused, 'INTAKE_UNAVAILABLE'));
  await log.consume({ group: 'writer', handle: async () => {} });
  await log.close();
  const closed = await log.publish([toMessage({ key: 'k', seq: 0 })]).catch((e: unknown) => e);
  assert.ok(isHubError(closed, 'INTAKE_UNAVAILABLE'));
});

contract(
  'different keys run in parallel, at most `concurrency` at once; one key never overlaps itself',
  async (context) => {
    const log = open(context, { concurrency: 3 });
    let running = 0;
    let most = 0;
    const runningKeys = new Set<string>();
    await log.consume({
      group: 'writer',
      handle: async (message) => {
        assert.not.ok(runningKeys.has(message.key), 'a key is handled one message at a time');
        runningKeys.add(message.key);
        running += 1;
        most = Math.max(most, running);
        await sleep(10);
        running -= 1;
        runningKeys.delete(message.key);
      },
    });
    const messages = Array.from({ length: 40 }, (_, n) => toMessage({ key: `k${n % 8}`, seq: n }));
    await Promise.all([log.publish(messages.slice(0, 20)), log.publish(messages.slice(20))]);
    assert.is(most, 3);
  },
);

contract(
  'a consumer with a batch handler gets together what was published while its last batch ran, in order',
  async (context) => {
    const log = open(context);
    const batches: number[][] = [];
    const single: number[] = [];
    await log.consume({
      group: 'writer',
      handle: async (message) => {
        single.push(seqOf(message));
      },
      handleBatch: async (messages) => {
        batches.push(messages.map(seqOf));
        await sleep(30);
      },
    });
    const first = log.publish([toMessage({ key: 'a', seq: 0 }), toMessage({ key: 'b', seq: 1 })]);
    await sleep(5);
    // Published while the first batch is being handled: these go together in the next.
    const later = Array.from({ length: 10 }, (_, n) => log.publish([toMessage({ key: `k${n % 3}`, seq: n + 2 })]));
    await Promise.all([first, ...later]);
    assert.equal(batches, [
      [0, 1],
      [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    ]);
    assert.equal(single, [], 'nothing went one by one');
  },
);

contract('a batch that fails is handed over one message at a time, in order, with retries', async (context) => {
  const log = open(context, { retry: { retriableAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 } });
  const { seen, handle } = recorder();
  let batchTries = 0;
  await log.consume({
    group: 'writer',
    handle,
    handleBatch: async () => {
      batchTries += 1;
      throw new HubError('INTAKE_UNAVAILABLE', 'the store is restarting');
    },
  });
  await log.publish([0, 1, 2].map((seq) => toMessage({ key: 'k', seq })));
  assert.is(batchTries, 1);
  assert.equal(
    seen.map((s) => s.seq),
    [0, 1, 2],
  );
});

contract('close refuses the messages still waiting for a stopped group', async (context) => {
  const log = open(context);
  const consumer = await log.consume({ group: 'writer', handle: async () => {} });
  await consumer.stop();
  const waiting = log.publish([toMessage({ key: 'k', seq: 0 })]).catch((e: unknown) => e);
  await sleep(50);
  await log.close();
  assert.ok(isHubError(await waiting, 'INTAKE_UNAVAILABLE'));
});

contract('a redrive asked for by another process (the CLI) is done by the running consumer', async (context) => {
  const name = uniqueName('log');
  const log = open(context, { name, redrivePollMs: 50 });
  let broken = true;
  const { seen, handle } = recorder(() => (broken ? new HubError('INVALID_EVENT', 'bad') : undefined));
  await log.consume({ group: 'writer', handle });
  await log.publish([toMessage({ key: 'k', seq: 7 })]);
  const cli = createSqlDeadLetters(context.db, { log: name });
  const [letter] = await cli.list();
  assert.ok(letter, 'the dead letter is in SQL, visible to another process');
  broken = false;
  await cli.redrive(letter.id);
  await waitUntil(() => seen.length === 1, 'the requested redrive handled', 5_000);
  assert.is(seen[0]?.seq, 7);
  await waitUntil(async () => (await cli.list()).length === 0, 'the letter deleted', 5_000);
});

contract.run();

// The same log with its dead letters on a PostgreSQL server (an in-process bus beside DATABASE_URL).
const postgres = suite<Context & { database: TestDatabase }>(
  'in-process log: the contract with dead letters on PostgreSQL',
);
postgres.before(async (context) => {
  context.logs = [];
  context.database = await createTestDatabase({ prefix: 'bus_dead_letters' });
  context.db = connectPostgres({ url: context.database.url });
  await runMigrations(context.db, deadLetterMigrations);
});
postgres.after.each(async ({ logs }) => {
  for (const log of logs.splice(0)) await log.close();
});
postgres.after(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});
for (const c of logContract) {
  postgres(c.name, (context) =>
    c.run({ timeoutMs: 10_000, openLog: async (settings) => open(context, { retry: settings?.retry ?? {} }) }),
  );
}
postgres.run();
