import { randomUUID } from 'node:crypto';
import { handleCommand, loadAggregate } from '@hub/decider';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { agentPresenceStream, type Presence } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { projectionMigrations, runProjection } from '@hub/projections';
import { presenceDecider } from '@hub/routing';
import { routingMigrations, routingProjection } from '@hub/routing-read-model';
import { connectPostgres, runMigrations } from '@hub/sql';
import { createTestDatabase, untilProjected } from '@hub/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PRESENCE_SWEEPER_ACTOR, startPresenceSweeper } from './presence-sweeper.ts';

// The routing read model and the store on PostgreSQL; who holds a session is given (the query
// itself, `signedInUsers`, is tested in @hub/access and the whole path in the hub's routing e2e).
test('agents without a session are set away; one who changed her presence since keeps what she said', async () => {
  const database = await createTestDatabase({ prefix: 'presence_sweeper' });
  const db = connectPostgres({ url: database.url, maxConnections: 4 });
  try {
    await runMigrations(db, [...eventStoreMigrations, ...projectionMigrations, ...routingMigrations]);
    const store = createPostgresEventStore(db);
    const setPresence = (userId: string, presence: Presence) =>
      handleCommand({
        store,
        streamId: agentPresenceStream(userId),
        decider: presenceDecider,
        command: { userId, presence, actor: { kind: 'agent', userId } },
        eventContext: () => ({ id: randomUUID(), occurredAt: new Date() }),
      });
    for (const userId of ['ana', 'bob', 'cyrus']) await setPresence(userId, 'available');
    const projection = await runProjection({ db, store, logger: silentLogger() }, routingProjection);
    await untilProjected(
      () => projection.caughtUp(),
      async () => {
        const [row] = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM routing.presence WHERE presence = 'available'",
        );
        return row?.n === 3;
      },
      { timeoutMs: 30_000, intervalMs: 50, what: 'the three agents available in the read model' },
    );
    await projection.stop();
    // Bob says he is busy after the read model last looked: it still shows him available.
    await setPresence('bob', 'busy');

    const sweeper = startPresenceSweeper({
      store,
      db,
      signedIn: async (userIds) => new Set(userIds.filter((id) => id === 'cyrus')),
      now: () => new Date(),
      logger: silentLogger(),
    });
    await sweeper.sweepNow();
    await sweeper.stop();

    const presenceOf = async (userId: string) =>
      (await loadAggregate(store, agentPresenceStream(userId), presenceDecider)).state;
    assert.is(await presenceOf('ana'), 'away', 'signed out: away');
    assert.is(await presenceOf('bob'), 'busy', 'changed since: what he said stands');
    assert.is(await presenceOf('cyrus'), 'available', 'signed in: untouched');
    const [last] = await store.readStream(agentPresenceStream('ana'), { direction: 'backwards', maxCount: 1 });
    assert.equal((last?.data as { actor?: unknown } | undefined)?.actor, PRESENCE_SWEEPER_ACTOR);
  } finally {
    await db.close();
    await database.drop();
  }
});

test.run();
