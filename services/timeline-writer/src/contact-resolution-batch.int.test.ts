import { randomBytes } from 'node:crypto';
import type { MergePolicy } from '@hub/customer-identity';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import type { CustomerIdentifier } from '@hub/events';
import { createIdentityIndex, type IdentityIndex, identityIndexMigrations } from '@hub/identity-index';
import { silentLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore, keyStoreMigrations } from '@hub/personal-data';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ContactToResolve, createInteractionRecorder, type InteractionRecorder } from './interaction-recorder.ts';

// Buyers of an import resolved together (`resolveContacts`) against one by one (`resolveContact`).

const email = (local: string): CustomerIdentifier => ({ kind: 'email', value: `${local}@example.ir` });
const phone = (n: number): CustomerIdentifier => ({ kind: 'phone', value: `+98912000${String(n).padStart(4, '0')}` });

const contact = (orderId: string, identifiers: CustomerIdentifier[], minute = 0): ContactToResolve => ({
  sourceId: `order:${orderId}`,
  identifiers,
  occurredAt: new Date(Date.UTC(2026, 10, 20, 8, minute)).toISOString(),
  channel: 'generic',
  displayName: null,
});

async function world(policy: MergePolicy = 'review'): Promise<{
  db: SqlDatabase;
  index: IdentityIndex;
  recorder: InteractionRecorder;
}> {
  const db = await openPGlite();
  await runMigrations(db, [...eventStoreMigrations, ...keyStoreMigrations, ...identityIndexMigrations]);
  const store = createSealingEventStore(createPostgresEventStore(db), createSqlKeyStore(db));
  const index = createIdentityIndex(db, randomBytes(32));
  return { db, index, recorder: createInteractionRecorder({ store, index, policy, logger: silentLogger() }) };
}

const eventsByType = async (db: SqlDatabase) =>
  Object.fromEntries(
    (
      await db.query<{ event_type: string; n: string }>(
        'SELECT event_type, count(*)::text AS n FROM event_store.events GROUP BY event_type ORDER BY event_type',
      )
    ).map((r) => [r.event_type, Number(r.n)]),
  );

const contacts = suite("an import's buyers resolved together");

contacts('each buyer gets the customer, and the store the events, that resolving one by one gives', async () => {
  const buyers = [
    contact('o1', [email('sara')]),
    contact('o2', [phone(1), email('sara')], 1), // sara again, with a new phone
    contact('o3', [email('ali')], 2), // someone else
    contact('o4', [phone(1)], 3), // sara, by the phone the order before last linked
    contact('o5', [email('sara')], 4), // sara, nothing new to link
    contact('o6', [email('ali'), phone(1)], 5), // both: a merge candidate under review
  ];
  const together = await world();
  const apart = await world();
  const batched = await together.recorder.resolveContacts(buyers);
  const oneByOne = [];
  for (const buyer of buyers) oneByOne.push(await apart.recorder.resolveContact(buyer));
  assert.equal(
    batched.map((o) => o.customerId),
    oneByOne.map((o) => o.customerId),
  );
  const [sara, , ali] = batched.map((o) => o.customerId);
  assert.equal(
    batched.map((o) => o.customerId),
    [sara, sara, ali, sara, sara, ali],
  );
  assert.equal(await eventsByType(together.db), await eventsByType(apart.db));
  assert.equal(await eventsByType(together.db), {
    CustomerIdentifierLinked: 3,
    CustomerRegistered: 2,
    MergeCandidateDetected: 1,
  });

  const again = await together.recorder.resolveContacts(buyers);
  assert.equal(
    again.map((o) => [o.customerId, o.alreadyRecorded]),
    batched.map((o) => [o.customerId, true]),
    'resolved again (a re-import): the same customers, nothing written',
  );
  assert.equal(await eventsByType(together.db), await eventsByType(apart.db));
  await together.db.close();
  await apart.db.close();
});

contacts(
  'under the auto policy a buyer who merges two customers is resolved alone; the ones after follow',
  async () => {
    const w = await world('auto');
    const [sara, other, merged, after] = (
      await w.recorder.resolveContacts([
        contact('m1', [email('sara')]),
        contact('m2', [phone(2)], 1),
        contact('m3', [email('sara'), phone(2)], 2), // the same person: merged
        contact('m4', [phone(2)], 3),
      ])
    ).map((o) => o.customerId);
    assert.is.not(sara, other);
    assert.equal([merged, after], [sara, sara]);
    assert.equal(await w.index.owners([phone(2)]), new Map([['phone:+989120000002', sara]]));
    assert.is((await eventsByType(w.db)).CustomersMerged, 2, 'one in each stream');
    await w.db.close();
  },
);

contacts.run();
