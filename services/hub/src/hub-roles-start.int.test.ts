import { createTestDatabase, singleBrokerDurability } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { health, type RunningHub, runHub, sharedSecrets, started } from './testing/hub-process.fixture.ts';

// Each round starts on a fresh, empty database: the race is in creating the schema, so a round
// on a database made by the previous one would prove nothing.
const ROUNDS = Number(process.env.HUB_ROLES_START_ROUNDS ?? 3);
// Two processes of each role: eight processes racing to create the schema make a collision in
// unserialised DDL near certain (four caught it in about one round of four).
const ROLES = ['gateway', 'writer', 'projector', 'api'].flatMap((role) => [role, role]);

const rolesStart = suite('the four roles, two processes each, started together on an empty database');

rolesStart(`all start, answer health and none crashes (${ROUNDS} rounds, a fresh database each)`, async () => {
  const brokers = process.env.KAFKA_BROKERS;
  assert.ok(brokers, 'KAFKA_BROKERS is set (run through scripts/test.ts)');
  for (let round = 1; round <= ROUNDS; round++) {
    const database = await createTestDatabase({ prefix: 'hub_roles_start' });
    const hubs: RunningHub[] = [];
    try {
      const env = {
        ...sharedSecrets,
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers,
        ...singleBrokerDurability,
        HUB_KAFKA_TOPIC: `hub-roles-start-${process.pid}-${round}`,
      };
      hubs.push(...(await Promise.all(ROLES.map((role) => runHub({ ...env, HUB_ROLES: role })))));
      const outcomes = await Promise.allSettled(hubs.map(started));
      const failures = outcomes.flatMap((outcome, i) =>
        outcome.status === 'rejected' ? [`round ${round}, ${ROLES[i]}: ${String(outcome.reason)}`] : [],
      );
      assert.equal(failures, [], 'every role starts');
      for (const [i, hub] of hubs.entries()) {
        const { status, body } = await health(hub);
        assert.is(status, 200, `round ${round}, ${ROLES[i]} is healthy: ${JSON.stringify(body)}`);
        assert.is(hub.child.exitCode, null, `round ${round}, ${ROLES[i]} is still running`);
      }
      for (const hub of hubs) hub.child.kill('SIGTERM');
      const codes = await Promise.all(hubs.map((hub) => hub.exited));
      assert.equal(
        codes,
        ROLES.map(() => 0),
        `round ${round}: every role stops cleanly`,
      );
    } finally {
      for (const hub of hubs) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
      await Promise.all(hubs.map((hub) => hub.exited));
      await database.drop();
    }
  }
});

rolesStart.run();
