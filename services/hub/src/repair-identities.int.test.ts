import { randomBytes } from 'node:crypto';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore } from '@hub/event-store-postgres';
import { type CustomerIdentifier, customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { createIdentityIndex, type IdentityIndex } from '@hub/identity-index';
import { uuidV5 } from '@hub/interactions';
import { createLogger, silentLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore, PERSONAL_DATA_OF } from '@hub/personal-data';
import { runProjection } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { findCustomer, timelineProjection } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type HubConfig, loadConfig } from './config.ts';
import { hubMigrations } from './hub.migrations.ts';
import { repairIdentitiesOffline } from './repair-identities.ts';
import { loadSecrets } from './secrets.ts';

interface Context {
  database: TestDatabase;
  config: HubConfig;
  db: SqlDatabase;
  store: EventStore;
  index: IdentityIndex;
}

const customerId = (n: number) => `7c0ffee0-0000-4000-8000-${String(n).padStart(12, '0')}`;
const email = (value: string): CustomerIdentifier => ({ kind: 'email', value });

/**
 * A customer as the writer recorded one before the generic API normalised: the identifier claimed
 * and linked exactly as the caller spelled it.
 */
async function recordedTheOldWay({ store, index }: Context, n: number, identifier: CustomerIdentifier) {
  const id = customerId(n);
  await index.claim([{ customerId: id, identifier }]);
  const interactionId = uuidV5(`old-interaction-${n}`);
  const events: DomainEvent[] = [
    { type: 'CustomerRegistered', data: { customerId: id, displayName: 'سارا رضایی', firstChannel: 'generic' } },
    { type: 'CustomerIdentifierLinked', data: { customerId: id, identifier, interactionId } },
    {
      type: 'InteractionRecorded',
      data: {
        interactionId,
        customerId: id,
        direction: 'inbound',
        conversationId: uuidV5(`old-conversation-${n}`),
        contact: identifier,
        summary: 'پیگیری سفارش',
        text: 'سلام، سفارش من کجاست؟',
        html: null,
        details: { channel: 'generic', system: 'crm', externalId: `old-${n}`, attributes: {} },
      },
    },
  ];
  await store.appendToStream(
    customerStream(id),
    events.map((event, i) =>
      encodeEvent(event, {
        id: uuidV5(`old-${n}-${i}`),
        occurredAt: new Date(Date.UTC(2026, 10, 1, 9, n)),
        metadata: { [PERSONAL_DATA_OF]: id },
      }),
    ),
  );
}

const countEvents = async (db: SqlDatabase) =>
  Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events'))[0]?.n);

const repairNow = async (context: Context, logger = silentLogger()) => {
  await allVisible(context);
  return repairIdentitiesOffline(context.config, logger);
};

/**
 * Until every committed event is readable in global order: `$all` shows only what commits before
 * the oldest transaction still open on the server, which other tests on this server may hold.
 */
async function allVisible({ db, store }: Context, timeoutMs = 120_000) {
  const expected = await countEvents(db);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if ((await store.readAll({ maxCount: expected + 1 })).length >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`fewer than ${expected} events readable after ${timeoutMs} ms`);
}

/** What agents see: the timeline read model caught up with the store. */
async function customerView(context: Context, id: string) {
  const { db, store } = context;
  await allVisible(context);
  const projection = await runProjection({ db, store, logger: silentLogger() }, timelineProjection);
  await projection.caughtUp();
  await projection.stop();
  return findCustomer(db, id);
}

const repair = (policy: 'review' | 'auto') =>
  suite<Context>(`pnpm customers:repair-identities on PostgreSQL (HUB_MERGE_POLICY=${policy})`);

const setUp = (policy: 'review' | 'auto') => async (context: Context) => {
  context.database = await createTestDatabase({ prefix: `identity_repair_${policy}` });
  context.config = loadConfig({
    HUB_CHANNEL_TOKEN: 'channel-token-0123456789',
    HUB_AGENT_TOKEN: 'agent-token-0123456789',
    HUB_MASTER_KEY: randomBytes(32).toString('base64'),
    HUB_LOG_LEVEL: 'silent',
    HUB_PHONE_REGION: 'IR',
    HUB_MERGE_POLICY: policy,
    DATABASE_URL: context.database.url,
  });
  context.db = await connectPostgres({ url: context.database.url, maxConnections: 2 });
  await runMigrations(context.db, hubMigrations);
  context.store = createSealingEventStore(createPostgresEventStore(context.db), createSqlKeyStore(context.db));
  context.index = createIdentityIndex(context.db, (await loadSecrets(context.config)).keys.identityIndex);
};
const tearDown = async (context: Context) => {
  await context.db?.close();
  await context.database?.drop();
};

const review = repair('review');
review.before.each(setUp('review'));
review.after.each(tearDown);

review(
  'three spellings of one address become merge candidates with their evidence; a second run adds nothing',
  async (context) => {
    await recordedTheOldWay(context, 1, email('Sara@Example.com'));
    await recordedTheOldWay(context, 2, email('sara@example.com'));
    await recordedTheOldWay(context, 3, email(' sara@example.com '));
    await recordedTheOldWay(context, 4, { kind: 'phone', value: '+989125550199' });
    await recordedTheOldWay(context, 5, { kind: 'phone', value: '۰۹۱۲۵۵۵۰۱۹۹' });
    await recordedTheOldWay(context, 6, email('ali@example.com'));
    const lines: string[] = [];
    const logger = createLogger({
      service: 'test',
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });

    const first = await repairNow(context, logger);
    assert.equal(
      { split: first.splitIdentifiers, offered: first.offered, merged: first.merged, linked: first.linked },
      { split: 2, offered: 3, merged: 0, linked: 0 },
    );
    // The holder of the normalised spelling is offered the others; nobody is merged without an agent.
    const sara = await customerView(context, customerId(2));
    assert.equal([...(sara?.mergeCandidates ?? [])].sort(), [customerId(1), customerId(3)]);
    assert.equal((await customerView(context, customerId(4)))?.mergeCandidates, [customerId(5)]);
    assert.is((await customerView(context, customerId(1)))?.mergedInto, null);
    const [offer] = (await context.store.readStream(customerStream(customerId(2)))).filter(
      (e) => e.type === 'MergeCandidateDetected',
    );
    type Evidence = { interactionId: string; identifiers: CustomerIdentifier[] };
    const evidence = (offer?.data as { evidence: Evidence } | undefined)?.evidence;
    assert.equal(
      evidence?.identifiers.map((i) => i.value),
      ['sara@example.com', 'Sara@Example.com', ' sara@example.com '],
    );
    assert.is(evidence?.interactionId, uuidV5('old-interaction-1'));
    assert.ok(
      lines.some((l) => l.includes('identity repair done')),
      'the run ends with a summary line',
    );

    const events = await countEvents(context.db);
    const second = await repairNow(context);
    assert.equal(
      { offered: second.offered, linked: second.linked, merged: second.merged },
      { offered: 0, linked: 0, merged: 0 },
    );
    assert.is(await countEvents(context.db), events, 'nothing appended by the second run');
  },
);

review(
  'without the normalised spelling, the first customer takes it: what arrives normalised finds them',
  async (context) => {
    await recordedTheOldWay(context, 1, email('Sara@Example.com'));
    const first = await repairNow(context);
    assert.is(first.linked, 1);
    const owners = await context.index.owners([email('sara@example.com')]);
    assert.is(owners.get('email:sara@example.com'), customerId(1));
    const view = await customerView(context, customerId(1));
    assert.ok(view?.identifiers.some((i) => i.value === 'sara@example.com'));
    assert.is((await repairNow(context)).linked, 0);
  },
);

review.run();

const auto = repair('auto');
auto.before.each(setUp('auto'));
auto.after.each(tearDown);

auto(
  'split customers are merged into one by the policy, through events on both sides; again: nothing',
  async (context) => {
    await recordedTheOldWay(context, 1, email('Sara@Example.com'));
    await recordedTheOldWay(context, 2, email(' sara@example.com '));
    const first = await repairNow(context);
    assert.equal({ linked: first.linked, merged: first.merged }, { linked: 1, merged: 1 });
    assert.is((await customerView(context, customerId(2)))?.mergedInto, customerId(1));
    const survivorTypes = (await context.store.readStream(customerStream(customerId(1)))).map((e) => e.type);
    assert.ok(survivorTypes.includes('CustomersMerged'));
    const owners = await context.index.owners([email(' sara@example.com '), email('sara@example.com')]);
    assert.equal([...owners.values()], [customerId(1), customerId(1)], 'the index follows the merge');
    const events = await countEvents(context.db);
    const second = await repairNow(context);
    assert.equal({ linked: second.linked, merged: second.merged }, { linked: 0, merged: 0 });
    assert.is(await countEvents(context.db), events);
  },
);

auto.run();
