import { randomUUID } from 'node:crypto';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import {
  type Actor,
  agentPresenceStream,
  conversationStream,
  type DomainEvent,
  encodeEvent,
  inboxStream,
  teamStream,
  userStream,
} from '@hub/events';
import { silentLogger } from '@hub/logger';
import { projectionMigrations, rebuildProjection, useReadModelSchema } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { routingMigrations } from './routing.migrations.ts';
import { applyRoutingPage, routingProjection } from './routing.projection.ts';
import { agentWorkload, listTeams, routingSituation } from './routing.queries.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

/** A user id (users' are UUIDs) that sorts before maryam and reza. */
const GONE = 'a0000000-0000-4000-8000-000000000001';
const sima: Actor = { kind: 'agent', userId: 'sima' };
const router: Actor = { kind: 'system', process: 'router' };
const customer: Actor = { kind: 'customer' };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 9, minute)).toISOString();

async function record(store: EventStore, streamId: string, events: DomainEvent[]) {
  const existing = await store.readStream(streamId);
  await store.appendToStream(
    streamId,
    events.map((event) => encodeEvent(event, { id: randomUUID(), occurredAt: new Date() })),
    { expectedRevision: existing.length === 0 ? 'no_stream' : existing.length - 1 },
  );
}

const opened = (conversationId: string, inboxId: string, minute: number): DomainEvent => ({
  type: 'ConversationOpened',
  data: {
    conversationId,
    customerId: randomUUID(),
    channel: 'email',
    inboxId,
    subject: null,
    threadKeys: [],
    openedBy: `i-${conversationId}`,
    openedAt: at(minute),
    actor: customer,
  },
});
const assigned = (conversationId: string, agentId: string, kind: 'auto' | 'assignment'): DomainEvent => ({
  type: 'ConversationAssigned',
  data: {
    conversationId,
    agentId,
    teamId: 'support',
    previousAgentId: null,
    previousTeamId: null,
    kind,
    actor: kind === 'auto' ? router : sima,
    at: at(30),
  },
});

/** A team of two with a cap of 1, its inbox, Maryam available and Reza busy, four conversations. */
async function recordDay(store: EventStore) {
  await record(store, teamStream('support'), [
    { type: 'TeamCreated', data: { teamId: 'support', name: 'Support', maxOpenPerAgent: 1, actor: sima } },
    { type: 'TeamMemberAdded', data: { teamId: 'support', userId: 'reza', actor: sima } },
    { type: 'TeamMemberAdded', data: { teamId: 'support', userId: 'maryam', actor: sima } },
    { type: 'TeamMemberAdded', data: { teamId: 'support', userId: 'left', actor: sima } },
    { type: 'TeamMemberRemoved', data: { teamId: 'support', userId: 'left', actor: sima } },
    { type: 'TeamMemberAdded', data: { teamId: 'support', userId: GONE, actor: sima } },
  ]);
  await record(store, userStream(GONE), [{ type: 'UserDeactivated', data: { userId: GONE, actor: sima } }]);
  const inbox = { name: 'Mail', channel: 'email' as const, endpoints: [], actor: sima };
  await record(store, inboxStream('mail'), [
    { type: 'InboxCreated', data: { inboxId: 'mail', teamId: null, ...inbox } },
  ]);
  await record(store, inboxStream('other'), [
    { type: 'InboxCreated', data: { inboxId: 'other', teamId: null, ...inbox } },
  ]);
  await record(store, inboxStream('mail'), [
    { type: 'InboxTeamChanged', data: { inboxId: 'mail', teamId: 'support', actor: sima } },
  ]);
  for (const [userId, presence] of [
    ['maryam', 'busy'],
    ['maryam', 'available'],
    ['reza', 'busy'],
    [GONE, 'available'],
  ] as const) {
    await record(store, agentPresenceStream(userId), [
      { type: 'AgentPresenceChanged', data: { userId, presence, actor: { kind: 'agent', userId } } },
    ]);
  }
  await record(store, conversationStream('c1'), [opened('c1', 'mail', 1), assigned('c1', 'maryam', 'auto')]);
  await record(store, conversationStream('c2'), [
    opened('c2', 'mail', 2),
    assigned('c2', 'reza', 'assignment'),
    {
      type: 'ConversationStatusChanged',
      data: { conversationId: 'c2', status: 'pending', snoozedUntil: null, actor: sima, reason: null, at: at(3) },
    },
  ]);
  await record(store, conversationStream('c3'), [
    opened('c3', 'mail', 4),
    { type: 'ConversationPriorityChanged', data: { conversationId: 'c3', priority: 'high', actor: sima, at: at(5) } },
  ]);
  await record(store, conversationStream('c4'), [opened('c4', 'other', 0)]);
}

/** Event by event, or the whole history as one page (conversation changes folded). */
async function project(db: SqlDatabase, store: EventStore, by: 'event' | 'page' = 'event') {
  const events = await store.readAll();
  const pages = by === 'page' ? [events] : events.map((event) => [event]);
  for (const page of pages)
    await db.transaction(async (tx) => {
      await useReadModelSchema(tx, 'routing');
      await applyRoutingPage(tx, page);
    });
}

const expectedWorkload = [
  { agentId: GONE, presence: 'available', teams: ['support'], open: 0, pending: 0, snoozed: 0 },
  { agentId: 'maryam', presence: 'available', teams: ['support'], open: 1, pending: 0, snoozed: 0 },
  { agentId: 'reza', presence: 'busy', teams: ['support'], open: 0, pending: 1, snoozed: 0 },
];

const routing = suite<Context>('the routing read model: teams, inboxes, presence and the agents’ workload');
routing.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'routing' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 2 });
  await runMigrations(context.db, [...projectionMigrations, ...routingMigrations]);
  context.store = createInMemoryEventStore();
});
routing.after.each(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

routing(
  'the workload and the router’s situation follow the streams; projecting twice changes nothing',
  async ({ db, store }) => {
    await recordDay(store);
    await project(db, store, 'page');
    await project(db, store, 'event');
    await project(db, store, 'page');
    assert.equal(await agentWorkload(db), expectedWorkload);
    assert.equal(await agentWorkload(db, 'reza'), [expectedWorkload[2]]);
    assert.equal(
      (await listTeams(db)).map((team) => team.members),
      [['reza', 'maryam', GONE]],
      'members in joining order, without who left',
    );
    assert.equal(await routingSituation(db), {
      // c4's inbox has no team: nobody is assigned it.
      waiting: [{ conversationId: 'c3', teamId: 'support', priority: 'high', waitingSince: new Date(at(4)) }],
      teams: [{ teamId: 'support', members: ['reza', 'maryam', GONE], maxOpenPerAgent: 1, lastAssigned: 'maryam' }],
      // A deactivated member is left out: the round robin passes them by.
      agents: [
        { userId: 'maryam', presence: 'available', openConversations: 1 },
        { userId: 'reza', presence: 'busy', openConversations: 0 },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    });
  },
);

routing(
  'a page replayed over newer rows, or over rows it half wrote, changes nothing it should not',
  async ({ db, store }) => {
    await recordDay(store);
    // Last, a conversation whose status changes twice: an older page must not bring back the first.
    const status = (value: 'pending' | 'resolved', minute: number) => ({
      type: 'ConversationStatusChanged' as const,
      data: { conversationId: 'c5', status: value, snoozedUntil: null, actor: sima, reason: null, at: at(minute) },
    });
    await record(store, conversationStream('c5'), [
      opened('c5', 'other', 6),
      status('pending', 7),
      status('resolved', 8),
    ]);
    const events = await store.readAll();
    const c5 = async () =>
      (await db.query<{ status: string }>("SELECT status FROM routing.conversations WHERE conversation_id = 'c5'"))[0]
        ?.status;
    // Each split of the history: the first part, then everything as one page (a crash mid-way);
    // and everything, then the first part again (an older page after newer ones: nothing goes back).
    for (const split of [events.length - 1, events.length - 3, Math.floor(events.length / 2)]) {
      for (const pages of [
        [events.slice(0, split), events],
        [events, events.slice(0, split)],
      ]) {
        await db.query(
          'TRUNCATE routing.teams, routing.team_members, routing.inboxes, routing.presence, routing.inactive_users, routing.conversations',
        );
        for (const page of pages)
          await db.transaction(async (tx) => {
            await useReadModelSchema(tx, 'routing');
            await applyRoutingPage(tx, page);
          });
        assert.equal(await agentWorkload(db), expectedWorkload, `split at ${split}`);
        assert.equal((await routingSituation(db)).waiting.length, 1, `split at ${split}`);
        assert.is(await c5(), 'resolved', `split at ${split}`);
      }
    }
  },
);

routing('a rebuild from the store gives the same read model', async ({ db, store }) => {
  await recordDay(store);
  const result = await rebuildProjection({ db, store, logger: silentLogger() }, routingProjection);
  assert.ok(result.events > 0);
  assert.equal(await agentWorkload(db), expectedWorkload);
});

routing.run();
