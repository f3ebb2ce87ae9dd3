import { randomUUID } from 'node:crypto';
import { handleCommand } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import {
  type Actor,
  conversationStream,
  type DomainEvent,
  decodeEvent,
  encodeEvent,
  SERVICE_LEVEL_SETTINGS_STREAM,
} from '@hub/events';
import { conversationsProjection, inboxMigrations, listInbox } from '@hub/inbox';
import { silentLogger } from '@hub/logger';
import { projectionMigrations, runProjection } from '@hub/projections';
import { serviceLevelSettingsDecider } from '@hub/service-levels';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, loudHook, type TestDatabase, waitFor } from '@hub/testing';
import { timelineMigrations } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSlaBreachRecorder } from './sla-breach-recorder.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  clock: { now: Date };
}

const admin: Actor = { kind: 'agent', userId: 'admin-1' };
const customer: Actor = { kind: 'customer' };
const day = [{ start: '09:00', end: '17:00' }];
// Monday 2026-11-09 10:00 London (GMT): an hour's first response is due at 11:00.
const openedAt = '2026-11-09T10:00:00.000Z';

async function saveSettings(store: EventStore, firstResponse: number) {
  for (const command of [
    {
      kind: 'SaveCalendar',
      calendar: {
        id: 'london',
        timeZone: 'Europe/London',
        workingHours: [[], day, day, day, day, day, []],
        holidays: [],
      },
    },
    {
      kind: 'SavePolicy',
      policy: { id: 'standard', name: 'Standard', calendarId: 'london', appliesTo: {}, targets: { firstResponse } },
    },
  ] as const) {
    await handleCommand({
      store,
      streamId: SERVICE_LEVEL_SETTINGS_STREAM,
      decider: serviceLevelSettingsDecider,
      command: { ...command, actor: admin, now: new Date(openedAt) },
      eventContext: () => ({ id: randomUUID(), occurredAt: new Date(openedAt) }),
    });
  }
}

async function openConversation(store: EventStore): Promise<string> {
  const conversationId = randomUUID();
  const events: DomainEvent[] = [
    {
      type: 'ConversationOpened',
      data: {
        conversationId,
        customerId: randomUUID(),
        channel: 'email',
        inboxId: 'email',
        subject: null,
        threadKeys: [],
        openedBy: 'i-1',
        openedAt,
        actor: customer,
      },
    },
    {
      type: 'ConversationMessageAdded',
      data: {
        conversationId,
        interactionId: 'i-1',
        direction: 'inbound',
        channel: 'email',
        occurredAt: openedAt,
        threadKeys: [],
        actor: customer,
      },
    },
  ];
  await store.appendToStream(
    conversationStream(conversationId),
    events.map((event) => encodeEvent(event, { id: randomUUID(), occurredAt: new Date(openedAt) })),
    { expectedRevision: 'no_stream' },
  );
  return conversationId;
}

/**
 * The inbox projection until it shows the conversation at its stream's revision: the store's
 * readers see an append once the server-wide snapshot allows (another test's transaction can hold
 * it back), so this waits for visibility instead of assuming it.
 */
async function project({ db, store }: Context, id?: string) {
  const running = await runProjection({ db, store, logger: silentLogger() }, conversationsProjection);
  try {
    if (id) {
      const revision = (await store.readStream(conversationStream(id))).at(-1)?.revision ?? -1;
      await waitFor(
        async () => {
          const [row] = await db.query<{ revision: number }>(
            'SELECT revision FROM read_models.conversations WHERE conversation_id = $1',
            [id],
          );
          return row && row.revision >= revision ? true : undefined;
        },
        { timeoutMs: 60_000, what: 'the inbox row at the stream revision' },
      );
    }
    await running.caughtUp();
  } finally {
    await running.stop();
  }
}
const slaOf = async ({ db }: Context, id: string) =>
  (await listInbox(db, { viewerId: 'x', status: 'all' })).conversations.find((c) => c.id === id)?.sla;
const checker = (context: Context) =>
  startSlaBreachRecorder({
    store: context.store,
    db: context.db,
    now: () => context.clock.now,
    logger: silentLogger(),
    pollIntervalMs: 600_000,
  });

const recorder = suite<Context>('the SLA checker: due times in the inbox, breaches recorded once (real PostgreSQL)');
recorder.before.each(
  loudHook(async (context) => {
    context.database = await createTestDatabase({ prefix: 'sla_checker' });
    context.db = connectPostgres({ url: context.database.url, maxConnections: 6 });
    await runMigrations(context.db, [
      ...eventStoreMigrations,
      ...projectionMigrations,
      ...timelineMigrations,
      ...inboxMigrations,
    ]);
    context.store = createPostgresEventStore(context.db);
    context.clock = { now: new Date('2026-11-09T10:05:00Z') };
  }),
);
recorder.after.each(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

recorder('two checkers past the due time record the breach once; the inbox then shows it breached', async (context) => {
  await saveSettings(context.store, 60);
  const id = await openConversation(context.store);
  await project(context, id);
  const first = checker(context);
  await first.checkNow();
  assert.equal(await slaOf(context, id), { dueAt: '2026-11-09T11:00:00.000Z', state: 'ok' });

  context.clock.now = new Date('2026-11-09T11:30:00Z');
  const second = checker(context);
  await Promise.all([first.checkNow(), second.checkNow(), first.checkNow(), second.checkNow()]);
  await project(context, id);
  await Promise.all([first.checkNow(), second.checkNow()]);
  const breaches = (await context.store.readStream(conversationStream(id)))
    .map(decodeEvent)
    .filter((event) => event.type === 'SlaBreached');
  assert.equal(
    breaches.map((event) => event.data),
    [
      {
        conversationId: id,
        policyId: 'standard',
        target: 'first-response',
        dueAt: '2026-11-09T11:00:00.000Z',
        breachedAt: '2026-11-09T11:30:00.000Z',
      },
    ],
  );
  assert.equal(await slaOf(context, id), { dueAt: '2026-11-09T11:00:00.000Z', state: 'breached' });
  await first.stop();
  await second.stop();
});

recorder(
  'a settings change moves the due times of open conversations; due-soon shows before the due time',
  async (context) => {
    await saveSettings(context.store, 60);
    const id = await openConversation(context.store);
    await project(context);
    const running = checker(context);
    await running.checkNow();
    assert.is((await slaOf(context, id))?.dueAt, '2026-11-09T11:00:00.000Z');
    await saveSettings(context.store, 30);
    await running.checkNow();
    assert.equal(await slaOf(context, id), { dueAt: '2026-11-09T10:30:00.000Z', state: 'ok' });
    // 20% of 30 minutes left from 10:24.
    context.clock.now = new Date('2026-11-09T10:25:00Z');
    await running.checkNow();
    assert.equal(await slaOf(context, id), { dueAt: '2026-11-09T10:30:00.000Z', state: 'due-soon' });
    await running.stop();
  },
);

recorder(
  'a checker that starts with the settings the clocks follow rewrites no row; settings changed while none ran are applied',
  async (context) => {
    await saveSettings(context.store, 60);
    const id = await openConversation(context.store);
    await project(context, id);
    const first = checker(context);
    await first.checkNow();
    await first.stop();
    // The row's version: a rewrite (even to the same values) gives it another.
    const rowVersion = async () =>
      (
        await context.db.query<{ version: string }>(
          'SELECT xmin::text AS version FROM read_models.conversations WHERE conversation_id = $1',
          [id],
        )
      )[0]?.version;
    const before = await rowVersion();

    const restarted = checker(context);
    await restarted.checkNow();
    await restarted.stop();
    assert.is(await rowVersion(), before, 'a restart with the same settings rewrote the row');
    assert.equal(await slaOf(context, id), { dueAt: '2026-11-09T11:00:00.000Z', state: 'ok' });

    await saveSettings(context.store, 30);
    const afterChange = checker(context);
    await afterChange.checkNow();
    await afterChange.stop();
    assert.equal(await slaOf(context, id), { dueAt: '2026-11-09T10:30:00.000Z', state: 'ok' });
  },
);

recorder.run();
