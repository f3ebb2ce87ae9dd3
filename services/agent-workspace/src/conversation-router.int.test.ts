import { randomUUID } from 'node:crypto';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import {
  type Actor,
  agentPresenceStream,
  conversationStream,
  type DomainEvent,
  decodeEvent,
  encodeEvent,
  formatPosition,
  inboxStream,
  teamStream,
  userStream,
} from '@hub/events';
import { silentLogger } from '@hub/logger';
import { projectionMigrations, type RunningProjection, runProjection } from '@hub/projections';
import { routingMigrations, routingProjection } from '@hub/routing-read-model';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, loudHook, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conversationRouter } from './conversation-router.ts';

// The router on real PostgreSQL (its read model) over an in-memory store: it assigns in turn, never
// twice, and leaves alone a conversation someone took after the read model last showed it.

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  running: RunningProjection[];
}

const sima: Actor = { kind: 'agent', userId: 'sima' };

async function record(store: EventStore, streamId: string, events: DomainEvent[]) {
  const existing = await store.readStream(streamId);
  return store.appendToStream(
    streamId,
    events.map((event) => encodeEvent(event, { id: randomUUID(), occurredAt: new Date() })),
    { expectedRevision: existing.length === 0 ? 'no_stream' : existing.length - 1 },
  );
}

async function recordTeam(store: EventStore, members: readonly string[] = ['maryam', 'reza']) {
  await record(store, teamStream('support'), [
    { type: 'TeamCreated', data: { teamId: 'support', name: 'Support', maxOpenPerAgent: 5, actor: sima } },
    ...members.map(
      (userId): DomainEvent => ({ type: 'TeamMemberAdded', data: { teamId: 'support', userId, actor: sima } }),
    ),
  ]);
  await record(store, inboxStream('mail'), [
    {
      type: 'InboxCreated',
      data: { inboxId: 'mail', name: 'Mail', channel: 'email', endpoints: [], teamId: 'support', actor: sima },
    },
  ]);
  for (const userId of members) {
    await record(store, agentPresenceStream(userId), [
      { type: 'AgentPresenceChanged', data: { userId, presence: 'available', actor: { kind: 'agent', userId } } },
    ]);
  }
}

const open = (store: EventStore, conversationId: string) =>
  record(store, conversationStream(conversationId), [
    {
      type: 'ConversationOpened',
      data: {
        conversationId,
        customerId: randomUUID(),
        channel: 'email',
        inboxId: 'mail',
        subject: null,
        threadKeys: [],
        openedBy: `i-${conversationId}`,
        openedAt: new Date().toISOString(),
        actor: { kind: 'customer' },
      },
    },
  ]);

const assignments = async (store: EventStore, conversationId: string) =>
  (await store.readStream(conversationStream(conversationId)))
    .map(decodeEvent)
    .flatMap((event) => (event.type === 'ConversationAssigned' ? [event.data] : []));

const start = async (context: Context) => {
  const deps = { db: context.db, store: context.store, logger: silentLogger() };
  context.running = [
    await runProjection(deps, routingProjection),
    await runProjection(deps, conversationRouter({ store: context.store, logger: silentLogger() })),
  ];
};
const stop = async (context: Context) => {
  for (const projection of context.running.reverse()) await projection.stop();
  context.running = [];
};
const caughtUp = async (context: Context) => {
  for (let round = 0; round < 2; round += 1) for (const projection of context.running) await projection.caughtUp();
};

const router = suite<Context>('the conversation router');
router.before.each(
  loudHook(async (context) => {
    context.database = await createTestDatabase({ prefix: 'router' });
    context.db = connectPostgres({ url: context.database.url, maxConnections: 4 });
    await runMigrations(context.db, [...projectionMigrations, ...routingMigrations]);
    context.store = createInMemoryEventStore();
    context.running = [];
  }),
);
router.after.each(async (context) => {
  await stop(context);
  await context.db?.close();
  await context.database?.drop();
});

router('assigns in turn, names itself, and a replay from the start assigns nothing again', async (context) => {
  await recordTeam(context.store);
  for (const id of ['c1', 'c2', 'c3']) await open(context.store, id);
  await start(context);
  await caughtUp(context);
  const given = await Promise.all(['c1', 'c2', 'c3'].map((id) => assignments(context.store, id)));
  assert.equal(
    given.map((list) => list.map((a) => [a.agentId, a.teamId, a.kind, a.actor])),
    [
      [['maryam', 'support', 'auto', { kind: 'system', process: 'router' }]],
      [['reza', 'support', 'auto', { kind: 'system', process: 'router' }]],
      [['maryam', 'support', 'auto', { kind: 'system', process: 'router' }]],
    ],
  );
  // A restart that lost the router's checkpoint reacts to every event again: nothing is assigned twice.
  await stop(context);
  await context.db.query("DELETE FROM read_models.checkpoints WHERE projection = 'conversation-router'");
  await start(context);
  await open(context.store, 'c4');
  await caughtUp(context);
  for (const id of ['c1', 'c2', 'c3']) assert.is((await assignments(context.store, id)).length, 1, id);
  assert.equal(
    (await assignments(context.store, 'c4')).map((a) => a.agentId),
    ['reza'],
    'the round goes on where it was',
  );
});

router(
  'a deactivated agent hands back what she held; a replay after she came back takes nothing new',
  async (context) => {
    // A user's own stream names them by uuid.
    const maryam = '0b6f7e52-5c3a-4c1e-9d2a-1f0e9a7b3c01';
    const reza = '0b6f7e52-5c3a-4c1e-9d2a-1f0e9a7b3c02';
    await recordTeam(context.store, [maryam, reza]);
    for (const id of ['c1', 'c2']) await open(context.store, id);
    await start(context);
    await caughtUp(context);
    assert.equal(
      (await assignments(context.store, 'c1')).map((a) => a.agentId),
      [maryam],
    );
    await record(context.store, userStream(maryam), [
      { type: 'UserDeactivated', data: { userId: maryam, actor: sima } },
    ]);
    await caughtUp(context);
    // Handed back to the team's queue by the router, then given to the one still there.
    assert.equal(
      (await assignments(context.store, 'c1')).map((a) => [a.agentId, a.teamId, a.actor]),
      [
        [maryam, 'support', { kind: 'system', process: 'router' }],
        [null, 'support', { kind: 'system', process: 'router' }],
        [reza, 'support', { kind: 'system', process: 'router' }],
      ],
    );
    // She comes back and, Reza away, gets the next one; the router then replays the deactivation.
    await record(context.store, userStream(maryam), [
      { type: 'UserReactivated', data: { userId: maryam, actor: sima } },
    ]);
    await record(context.store, agentPresenceStream(reza), [
      {
        type: 'AgentPresenceChanged',
        data: { userId: reza, presence: 'away', actor: { kind: 'agent', userId: reza } },
      },
    ]);
    await open(context.store, 'c3');
    await caughtUp(context);
    assert.equal(
      (await assignments(context.store, 'c3')).map((a) => a.agentId),
      [maryam],
    );
    await stop(context);
    await context.db.query("DELETE FROM read_models.checkpoints WHERE projection = 'conversation-router'");
    await start(context);
    await caughtUp(context);
    assert.equal(
      (await assignments(context.store, 'c3')).map((a) => a.agentId),
      [maryam],
      'c3 stays hers',
    );
  },
);

router('a conversation an agent took after the read model showed it is left to them', async (context) => {
  await recordTeam(context.store);
  await open(context.store, 'c1');
  // The read model shows c1 waiting; then Reza takes it, before the read model sees that.
  const deps = { db: context.db, store: context.store, logger: silentLogger() };
  const projection = await runProjection(deps, routingProjection);
  await projection.caughtUp();
  await projection.stop();
  const [openedEvent] = await context.store.readStream(conversationStream('c1'));
  assert.ok(openedEvent);
  await record(context.store, conversationStream('c1'), [
    {
      type: 'ConversationAssigned',
      data: {
        conversationId: 'c1',
        agentId: 'reza',
        teamId: null,
        previousAgentId: null,
        previousTeamId: null,
        kind: 'assignment',
        actor: { kind: 'agent', userId: 'reza' },
        at: new Date().toISOString(),
      },
    },
  ]);
  const [checkpoint] = await context.db.query<{ position: string }>(
    "SELECT position FROM read_models.checkpoints WHERE projection = 'routing'",
  );
  assert.is(checkpoint?.position, formatPosition(openedEvent.position), 'the read model stops before the take');
  await conversationRouter({ store: context.store, logger: silentLogger() }).apply(context.db, openedEvent);
  assert.equal(
    (await assignments(context.store, 'c1')).map((a) => a.agentId),
    ['reza'],
    'the router did not assign it over her',
  );
});

router.run();
