import { isHubError } from '@hub/errors';
import { type LocalPostgres, startLocalPostgres } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { connectPostgres } from './postgres-database.ts';
import type { SqlDatabase } from './sql-database.ts';

interface Context {
  server: LocalPostgres;
  db: SqlDatabase;
}

// A private server, because these tests stop it.
const outage = suite<Context>('connectPostgres when the server goes away');
outage.before(async (context) => {
  context.server = await startLocalPostgres();
  context.db = connectPostgres({ url: context.server.url, maxConnections: 2 });
});
outage.after(async ({ db, server }) => {
  await db?.close();
  await server?.stop();
});

const failure = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  assert.unreachable('the work succeeded while the server was down');
};

outage(
  'a server shut down while a transaction waits between statements fails the transaction with DATABASE_UNAVAILABLE, and the process lives on',
  async ({ db, server }) => {
    const error = await failure(() =>
      db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        // The server ends this session (57P01) while no statement of ours is running.
        await server.interrupt(500);
        await tx.query('SELECT 2');
      }),
    );
    assert.ok(isHubError(error, 'DATABASE_UNAVAILABLE'), `got ${String(error)}`);
    assert.is((error as { retriable: boolean }).retriable, true);
    // The broken connection was not given back to the pool: the next statements work.
    assert.equal(await db.query<{ n: number }>('SELECT 3 AS n'), [{ n: 3 }]);
    assert.equal(await db.transaction((tx) => tx.query<{ n: number }>('SELECT 4 AS n')), [{ n: 4 }]);
  },
);

outage(
  'statements while the server is down fail with DATABASE_UNAVAILABLE; a constraint error stays itself',
  async ({ db, server }) => {
    await db.exec('CREATE TABLE IF NOT EXISTS outage_probe (id int PRIMARY KEY); INSERT INTO outage_probe VALUES (1);');
    const duplicate = await failure(() => db.query('INSERT INTO outage_probe VALUES (1)'));
    assert.is((duplicate as { code?: string }).code, '23505', 'a unique violation is passed on unchanged');
    const down = server.interrupt(3_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const work of [
      () => db.query('SELECT 1'),
      () => db.exec('SELECT 1'),
      () => db.transaction((tx) => tx.query('SELECT 1')),
    ]) {
      const error = await failure(work);
      assert.ok(isHubError(error, 'DATABASE_UNAVAILABLE'), `got ${String(error)}`);
    }
    await down;
    assert.equal(await db.query<{ n: number }>('SELECT 5 AS n'), [{ n: 5 }]);
  },
);

outage.run();
