import { randomBytes } from 'node:crypto';
import type { MergePolicy } from '@hub/customer-identity';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { type CustomerIdentifier, customerStream } from '@hub/events';
import { createIdentityIndex, type IdentityIndex, identityIndexMigrations } from '@hub/identity-index';
import { interactionId, type NormalizedInteraction, uuidV5 } from '@hub/interactions';
import { silentLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore, keyStoreMigrations } from '@hub/personal-data';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createInteractionRecorder, type InteractionRecorder } from './interaction-recorder.ts';

const email = (local: string): CustomerIdentifier => ({ kind: 'email', value: `${local}@example.ir` });
const phone = (n: number): CustomerIdentifier => ({ kind: 'phone', value: `+98912000${String(n).padStart(4, '0')}` });

const interaction = (externalId: string, identifiers: CustomerIdentifier[], minute = 0): NormalizedInteraction => ({
  id: interactionId('generic', 'test', externalId),
  channel: 'generic',
  source: { system: 'test', externalId },
  direction: 'inbound',
  occurredAt: new Date(Date.UTC(2026, 10, 20, 8, minute)).toISOString(),
  contact: { identifiers, displayName: 'سارا رضایی' },
  threadKey: externalId,
  summary: externalId,
  text: `پیام ${externalId}`,
  html: null,
  details: { channel: 'generic', system: 'test', externalId, attributes: {} },
});

interface World {
  db: SqlDatabase;
  store: EventStore;
  index: IdentityIndex;
  recorder: (policy?: MergePolicy, index?: IdentityIndex) => InteractionRecorder;
}

async function world(): Promise<World> {
  const db = await openPGlite();
  await runMigrations(db, [...eventStoreMigrations, ...keyStoreMigrations, ...identityIndexMigrations]);
  const store = createSealingEventStore(createPostgresEventStore(db), createSqlKeyStore(db));
  const index = createIdentityIndex(db, randomBytes(32));
  return {
    db,
    store,
    index,
    recorder: (policy = 'review', other = index) =>
      createInteractionRecorder({ store, index: other, policy, logger: silentLogger() }),
  };
}

const count = async (db: SqlDatabase, type: string) =>
  Number(
    (
      await db.query<{ n: string }>('SELECT count(*)::text AS n FROM event_store.events WHERE event_type = $1', [type])
    )[0]?.n,
  );

/** An index where another writer claims `identifier` for `winner` just before the first claim made through it. */
function racedBy(index: IdentityIndex, winner: string, identifier: CustomerIdentifier): IdentityIndex {
  let raced = false;
  return {
    ...index,
    async claim(claims) {
      if (!raced) {
        raced = true;
        await index.claim([{ customerId: winner, identifier }]);
      }
      return index.claim(claims);
    },
  };
}

const batch = suite('the timeline writer recording a Kafka batch at once');

batch('a batch gives each interaction the customer that recording them one by one gives', async () => {
  const items = [
    interaction('b1', [email('sara')]),
    interaction('b2', [phone(1), email('sara')], 1), // sara again, with a new phone
    interaction('b3', [email('ali')], 2), // someone else
    interaction('b4', [phone(1)], 3), // sara, by the phone linked two messages earlier
    interaction('b5', [email('ali'), phone(1)], 4), // both: a merge candidate under review
  ];
  const together = await world();
  const apart = await world();
  const batched = await together.recorder().recordAll(items.map((i) => ({ interaction: i })));
  const single = apart.recorder();
  const oneByOne = [];
  for (const i of items) oneByOne.push(await single.record(i));
  assert.equal(
    batched.map((o) => o.customerId),
    oneByOne.map((o) => o.customerId),
  );
  const [sara, , ali] = batched.map((o) => o.customerId);
  assert.equal(
    batched.map((o) => o.customerId),
    [sara, sara, ali, sara, ali],
  );
  for (const type of [
    'CustomerRegistered',
    'CustomerIdentifierLinked',
    'InteractionRecorded',
    'MergeCandidateDetected',
  ]) {
    assert.is(await count(together.db, type), await count(apart.db, type), type);
  }
  assert.is(await count(together.db, 'CustomerRegistered'), 2);
  await together.db.close();
  await apart.db.close();
});

batch('a batch delivered again, whole or overlapping a new one, writes nothing twice', async () => {
  const w = await world();
  const recorder = w.recorder();
  const items = ['r1', 'r2', 'r3'].map((id, n) => ({ interaction: interaction(id, [email(`c${n % 2}`)], n) }));
  const first = await recorder.recordAll(items);
  const again = await recorder.recordAll(items);
  const overlapping = await recorder.recordAll([...items.slice(1), { interaction: interaction('r4', [email('c0')]) }]);
  assert.equal(
    [first, again, overlapping].map((outcomes) => outcomes.map((o) => o.alreadyRecorded)),
    [
      [false, false, false],
      [true, true, true],
      [true, true, false],
    ],
  );
  assert.is(await count(w.db, 'InteractionRecorded'), 4);
  assert.is(await count(w.db, 'CustomerRegistered'), 2);
  await w.db.close();
});

batch(
  'under the auto policy a merging interaction is recorded alone, and the ones after it follow the merge',
  async () => {
    const w = await world();
    const recorder = w.recorder('auto');
    const outcomes = await recorder.recordAll(
      [
        interaction('a1', [email('sara')]),
        interaction('a2', [phone(2)], 1),
        interaction('a3', [email('sara'), phone(2)], 2), // the same person: merged
        interaction('a4', [phone(2)], 3), // the phone now belongs to the survivor
      ].map((i) => ({ interaction: i })),
    );
    const [sara, other, merged, after] = outcomes.map((o) => o.customerId);
    assert.is.not(sara, other);
    assert.equal([merged, after], [sara, sara]);
    assert.is(await count(w.db, 'CustomersMerged'), 2, 'one in each stream');
    assert.equal(await w.index.owners([phone(2)]), new Map([['phone:+989120000002', sara]]));
    await w.db.close();
  },
);

batch('a claim lost to another writer mid-batch: recorded one by one, with the owner that won', async () => {
  const w = await world();
  const winner = uuidV5('customer:another-writer');
  const racing = racedBy(w.index, winner, phone(3));
  const outcomes = await w
    .recorder('review', racing)
    .recordAll([interaction('l1', [email('sara')]), interaction('l2', [phone(3)], 1)].map((i) => ({ interaction: i })));
  assert.is(outcomes[1]?.customerId, winner, 'the phone went to the customer that claimed it first');
  assert.is.not(outcomes[0]?.customerId, winner);
  assert.is(await count(w.db, 'InteractionRecorded'), 2);
  assert.is((await w.store.readStream(customerStream(winner))).length, 1, 'the interaction in the winner stream');
  await w.db.close();
});

batch('a lost claim leaves nothing claimed: the batch resolves again as if one by one, no stray customer', async () => {
  const w = await world();
  const winner = uuidV5('customer:another-writer-2');
  const racing = racedBy(w.index, winner, email('nima'));
  const outcomes = await w.recorder('review', racing).recordAll(
    [interaction('s1', [email('nima')]), interaction('s2', [email('nima'), phone(5)], 1)].map((i) => ({
      interaction: i,
    })),
  );
  assert.equal(
    outcomes.map((o) => o.customerId),
    [winner, winner],
  );
  assert.equal(await w.index.owners([phone(5)]), new Map([['phone:+989120000005', winner]]));
  assert.is(await count(w.db, 'MergeCandidateDetected'), 0, 'no candidate with a customer that does not exist');
  await w.db.close();
});

batch(
  "under the auto policy, a chatting visitor's unverified claim of a customer's email is a candidate, never a merge",
  async () => {
    const w = await world();
    const recorder = w.recorder('auto');
    const sara = (await recorder.record(interaction('c1', [email('sara')]))).customerId;
    const visitor = { kind: 'handle' as const, value: 'widget:visitor-1' };
    const chatting = (await recorder.record(interaction('c2', [visitor], 1))).customerId;
    const claim = interaction('c3', [visitor, email('sara')], 2);
    const [typed] = await recorder.recordAll([
      { interaction: { ...claim, contact: { ...claim.contact, unverifiedClaim: true } } },
    ]);
    assert.is(typed?.customerId, chatting, 'the visitor stays their own customer');
    assert.is(await count(w.db, 'CustomersMerged'), 0);
    assert.is(await count(w.db, 'MergeCandidateDetected'), 1, 'an agent decides');
    assert.equal(await w.index.owners([email('sara')]), new Map([['email:sara@example.ir', sara]]));
    const signedIn = { kind: 'handle' as const, value: 'widget:visitor-2' };
    await recorder.record(interaction('c4', [signedIn], 3));
    await recorder.record(interaction('c5', [signedIn, email('sara')], 4));
    assert.is(await count(w.db, 'CustomersMerged'), 2, 'a claim vouched for (signed) merges under auto');
    await w.db.close();
  },
);

for (const path of ['record', 'recordAll'] as const) {
  batch(
    `${path}: a new chat visitor naming a known customer's email unverified stays their own customer, and that customer becomes a merge candidate`,
    async () => {
      const w = await world();
      const recorder = w.recorder();
      const sara = (await recorder.record(interaction('u1', [email('sara')]))).customerId;
      const visitor = { kind: 'handle' as const, value: 'widget:stranger' };
      const claim = interaction('u2', [visitor, email('sara')], 1);
      const typed = { ...claim, contact: { ...claim.contact, unverifiedClaim: true } };
      const outcome =
        path === 'record' ? await recorder.record(typed) : (await recorder.recordAll([{ interaction: typed }]))[0];
      assert.is.not(outcome?.customerId, sara, "the chat is not in the named customer's history");
      const sarasHistory = await w.store.readStream(customerStream(sara));
      assert.not.ok(
        sarasHistory.some((e) => (e.data as { interactionId?: string }).interactionId === claim.id),
        "nothing of the chat in the named customer's stream",
      );
      const visitorsHistory = await w.store.readStream(customerStream(outcome?.customerId ?? ''));
      const candidate = visitorsHistory.find((e) => e.type === 'MergeCandidateDetected');
      assert.equal(
        candidate?.data,
        {
          customerId: outcome?.customerId,
          candidateIds: [sara],
          evidence: { interactionId: claim.id, identifiers: [visitor, email('sara')] },
        },
        'a candidate for an agent, the claimed email as evidence',
      );
      assert.equal(await w.index.owners([email('sara')]), new Map([['email:sara@example.ir', sara]]));
      await w.db.close();
    },
  );
}

batch(
  'after an erasure, a redriven message received before it records nothing (one by one or in a batch); one received after is a new customer',
  async () => {
    const w = await world();
    const recorder = w.recorder();
    const erased = (await recorder.record(interaction('e1', [email('sara'), phone(7)]))).customerId;
    const erasedAt = new Date('2026-12-01T10:00:00Z');
    await w.index.forget(erased, { at: erasedAt, interactionIds: [] });
    const before = '2026-12-01T09:00:00Z';
    const outcomes = [
      await recorder.record(interaction('e2', [email('sara')], 1), 'raw', before),
      ...(await recorder.recordAll([
        { interaction: interaction('e3', [phone(7)], 2), receivedAt: before },
        { interaction: interaction('e4', [email('other')], 3), receivedAt: before },
      ])),
    ];
    assert.equal(
      outcomes.map((o) => o.erased ?? false),
      [true, true, false],
      'only the messages naming the erased person are dropped',
    );
    assert.is(await count(w.db, 'CustomerRegistered'), 2, 'the erased person is not registered again');
    assert.equal(await w.index.owners([email('sara'), phone(7)]), new Map());
    const back = await recorder.record(interaction('e5', [email('sara')], 4), 'raw', '2026-12-01T11:00:00Z');
    assert.ok(back.customerId && back.customerId !== erased, 'the person writing again is a new customer');
    await w.db.close();
  },
);

batch(
  'a retry after an interrupted first try takes over what that try claimed for its provisional customer',
  async () => {
    const w = await world();
    const retried = interaction('t1', [email('sara'), phone(4)]);
    const provisional = uuidV5(`customer:${retried.id}`);
    const existing = (await w.recorder().record(interaction('t0', [email('sara')]))).customerId;
    // The first try found no owner, claimed the phone for its provisional customer, then stopped
    // (the email went to the existing customer first).
    await w.index.claim([{ customerId: provisional, identifier: phone(4) }]);
    const outcome = await w.recorder().record(retried);
    assert.is(outcome.customerId, existing);
    assert.equal(await w.index.owners([phone(4)]), new Map([['phone:+989120000004', existing]]));
    await w.db.close();
  },
);

batch.run();
