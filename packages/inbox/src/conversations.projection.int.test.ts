import { randomUUID } from 'node:crypto';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import { type Actor, conversationStream, type DomainEvent, encodeEvent } from '@hub/events';
import { useReadModelSchema } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { timelineMigrations } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyConversationEvent, applyConversationPage } from './conversations.projection.ts';
import { inboxMigrations } from './inbox.migrations.ts';
import { findConversation, inboxCounts, listInbox } from './inbox.queries.ts';
import { conversationsDueForSlaCheck, writeSlaClock } from './sla-check.queries.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const maryam: Actor = { kind: 'agent', userId: 'maryam' };
const customer: Actor = { kind: 'customer' };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 9, minute)).toISOString();

async function record(store: EventStore, conversationId: string, events: DomainEvent[]) {
  const existing = await store.readStream(conversationStream(conversationId));
  await store.appendToStream(
    conversationStream(conversationId),
    events.map((event) => encodeEvent(event, { id: randomUUID(), occurredAt: new Date() })),
    { expectedRevision: existing.length === 0 ? 'no_stream' : existing.length - 1 },
  );
}

const opened = (conversationId: string, minute: number, channel: 'email' | 'chat' = 'email'): DomainEvent[] => [
  {
    type: 'ConversationOpened',
    data: {
      conversationId,
      customerId: randomUUID(),
      channel,
      inboxId: `${channel}-inbox`,
      subject: 'سفارش ۱۲۳۴',
      threadKeys: [],
      openedBy: `i-${conversationId}`,
      openedAt: at(minute),
      actor: customer,
    },
  },
  {
    type: 'ConversationMessageAdded',
    data: {
      conversationId,
      interactionId: `i-${conversationId}`,
      direction: 'inbound',
      channel,
      occurredAt: at(minute),
      threadKeys: [],
      actor: customer,
    },
  },
];

/** Everything in the store, applied in order, each event in its own transaction: as the runner does. */
async function project(db: SqlDatabase, store: EventStore) {
  for (const event of await store.readAll())
    await db.transaction(async (tx) => {
      await useReadModelSchema(tx, 'read_models');
      await applyConversationEvent(tx, event);
    });
}

const inbox = suite<Context>('the inbox and conversation read models');
inbox.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'inbox' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 2 });
  await runMigrations(context.db, [...timelineMigrations, ...inboxMigrations]);
  context.store = createInMemoryEventStore();
});
inbox.after.each(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

inbox(
  'a conversation shows its state and its history in order; projecting it twice changes nothing',
  async ({ db, store }) => {
    await record(store, 'c1', [
      ...opened('c1', 0),
      { type: 'ConversationLabelAdded', data: { conversationId: 'c1', label: 'vip', actor: maryam, at: at(1) } },
      {
        type: 'ConversationNoteAdded',
        data: {
          conversationId: 'c1',
          noteId: 'n1',
          text: 'پیگیری شود @reza',
          mentions: ['reza'],
          actor: maryam,
          at: at(2),
        },
      },
      {
        type: 'ConversationAssigned',
        data: {
          conversationId: 'c1',
          agentId: 'maryam',
          teamId: 'support',
          previousAgentId: null,
          previousTeamId: null,
          kind: 'assignment',
          actor: maryam,
          at: at(3),
        },
      },
      {
        type: 'ConversationMessageAdded',
        data: {
          conversationId: 'c1',
          interactionId: 'reply-1',
          direction: 'outbound',
          channel: 'email',
          occurredAt: at(10),
          threadKeys: [],
          actor: maryam,
        },
      },
      {
        type: 'ConversationStatusChanged',
        data: { conversationId: 'c1', status: 'pending', snoozedUntil: null, actor: maryam, reason: null, at: at(11) },
      },
    ]);
    await project(db, store);
    await project(db, store); // a replay from an older checkpoint
    const view = await findConversation(db, 'c1');
    assert.ok(view);
    assert.is(view.status, 'pending');
    assert.equal(view.labels, ['vip']);
    assert.is(view.assigneeId, 'maryam');
    assert.is(view.messageCount, 2, 'the replay counted nothing twice');
    assert.is(view.firstResponseAt, at(10));
    assert.is(view.waitingSince, null, 'the reply answered the customer');
    assert.is(view.revision, 6, 'the revision of the stream the row shows');
    assert.equal(
      view.items.map((i) => i.kind),
      ['opened', 'message', 'label-added', 'note', 'assignment', 'message', 'status'],
    );
    assert.is(view.items[3]?.data.text, 'پیگیری شود @reza');
  },
);

inbox('filters: mine, unassigned, a label, a status; the counts beside them agree', async ({ db, store }) => {
  await record(store, 'mine', [
    ...opened('mine', 1),
    {
      type: 'ConversationAssigned',
      data: {
        conversationId: 'mine',
        agentId: 'maryam',
        teamId: null,
        previousAgentId: null,
        previousTeamId: null,
        kind: 'auto',
        actor: { kind: 'system', process: 'routing' },
        at: at(2),
      },
    },
  ]);
  await record(store, 'free', [
    ...opened('free', 2, 'chat'),
    { type: 'ConversationLabelAdded', data: { conversationId: 'free', label: 'refund', actor: maryam, at: at(3) } },
  ]);
  await record(store, 'done', [
    ...opened('done', 3),
    {
      type: 'ConversationStatusChanged',
      data: { conversationId: 'done', status: 'resolved', snoozedUntil: null, actor: maryam, reason: null, at: at(4) },
    },
  ]);
  await project(db, store);
  const ids = async (query: Parameters<typeof listInbox>[1]) =>
    (await listInbox(db, query)).conversations.map((c) => c.id);
  assert.equal(await ids({ viewerId: 'maryam', assignee: 'me' }), ['mine']);
  assert.equal(await ids({ viewerId: 'maryam', assignee: 'unassigned' }), ['free']);
  assert.equal(await ids({ viewerId: 'maryam', label: 'refund' }), ['free']);
  assert.equal(await ids({ viewerId: 'maryam', channel: 'chat' }), ['free']);
  assert.equal(await ids({ viewerId: 'maryam', status: 'resolved' }), ['done']);
  assert.equal(await ids({ viewerId: 'maryam' }), ['free', 'mine'], 'open ones, newest activity first');
  assert.equal(await inboxCounts(db, 'maryam'), {
    mine: 1,
    unassigned: 1,
    open: 2,
    pending: 0,
    snoozed: 0,
    breached: 0,
  });
});

inbox('pages follow each other without repeats or gaps, also when sorted by SLA due time', async ({ db, store }) => {
  for (let i = 0; i < 7; i++) await record(store, `c${i}`, opened(`c${i}`, i));
  await project(db, store);
  // Due times for some: the SLA process writes them.
  await db.query(`UPDATE read_models.conversations SET sla_due_at = $1 WHERE conversation_id IN ('c5', 'c2')`, [
    at(30),
  ]);
  await db.query(`UPDATE read_models.conversations SET sla_due_at = $1 WHERE conversation_id = 'c6'`, [at(20)]);
  for (const sort of ['last-activity', 'sla-due'] as const) {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listInbox(db, { viewerId: 'maryam', sort, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (sort === 'last-activity') assert.equal(seen, ['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
    else
      assert.equal(
        seen,
        ['c6', 'c2', 'c5', 'c0', 'c1', 'c3', 'c4'],
        'soonest due first, those without a due time last',
      );
  }
});

inbox(
  'the SLA checker’s columns: stale after every event that moves the clock, written only onto its revision',
  async ({ db, store }) => {
    await record(store, 's1', opened('s1', 0));
    await project(db, store);
    const now = new Date(at(5));
    assert.equal(
      await conversationsDueForSlaCheck(db, now),
      [{ conversationId: 's1', revision: 1 }],
      'stale when opened',
    );
    const clock = { policyId: 'standard', dueAt: new Date(at(60)), state: 'ok', checkAt: new Date(at(48)) };
    assert.ok(await writeSlaClock(db, 's1', 1, clock));
    assert.equal(await conversationsDueForSlaCheck(db, now), [], 'looked at again at 09:48');
    assert.equal((await listInbox(db, { viewerId: 'x', slaState: 'ok', sort: 'sla-due' })).conversations[0]?.sla, {
      dueAt: at(60),
      state: 'ok',
    });
    await record(store, 's1', [
      {
        type: 'SlaBreached',
        data: {
          conversationId: 's1',
          policyId: 'standard',
          target: 'first-response',
          dueAt: at(60),
          breachedAt: at(61),
        },
      },
    ]);
    await project(db, store);
    assert.equal(await conversationsDueForSlaCheck(db, now), [{ conversationId: 's1', revision: 2 }], 'stale again');
    assert.not.ok(await writeSlaClock(db, 's1', 1, clock), 'a clock computed before the breach is not written');
    const view = await findConversation(db, 's1');
    assert.equal(view?.items.at(-1)?.kind, 'sla-breached');
    assert.equal(view?.items.at(-1)?.data, { policyId: 'standard', target: 'first-response', dueAt: at(60) });
  },
);

inbox(
  'a page applied at once leaves what its events applied one by one leave, also when replayed',
  async ({ db, store }) => {
    const change = (conversationId: string, minute: number): DomainEvent[] => [
      { type: 'ConversationLabelAdded', data: { conversationId, label: 'vip', actor: maryam, at: at(minute) } },
      { type: 'ConversationLabelAdded', data: { conversationId, label: 'refund', actor: maryam, at: at(minute) } },
      { type: 'ConversationLabelRemoved', data: { conversationId, label: 'vip', actor: maryam, at: at(minute + 1) } },
      {
        type: 'ConversationPriorityChanged',
        data: { conversationId, priority: 'urgent', actor: maryam, at: at(minute + 1) },
      },
      {
        type: 'ConversationAssigned',
        data: {
          conversationId,
          agentId: 'maryam',
          teamId: 'support',
          previousAgentId: null,
          previousTeamId: null,
          kind: 'assignment',
          actor: maryam,
          at: at(minute + 2),
        },
      },
      {
        type: 'ConversationMessageAdded',
        data: {
          conversationId,
          interactionId: `reply-${conversationId}`,
          direction: 'outbound',
          channel: 'email',
          occurredAt: at(minute + 3),
          threadKeys: [],
          actor: maryam,
        },
      },
      {
        type: 'ConversationStatusChanged',
        data: {
          conversationId,
          status: 'resolved',
          snoozedUntil: null,
          actor: maryam,
          reason: 'done',
          at: at(minute + 4),
        },
      },
      { type: 'CsatRequested', data: { conversationId, channel: 'email', actor: maryam, at: at(minute + 4) } },
      {
        type: 'CsatRecorded',
        data: { conversationId, rating: 4, comment: 'خوب', actor: customer, at: at(minute + 5) },
      },
      {
        type: 'ConversationReopened',
        data: {
          conversationId,
          from: 'resolved',
          interactionId: `again-${conversationId}`,
          reason: 'inbound-message',
          actor: customer,
          at: at(minute + 6),
        },
      },
      {
        type: 'ConversationMessageAdded',
        data: {
          conversationId,
          interactionId: `again-${conversationId}`,
          direction: 'inbound',
          channel: 'email',
          occurredAt: at(minute + 6),
          threadKeys: [],
          actor: customer,
        },
      },
      {
        type: 'SlaBreached',
        data: {
          conversationId,
          policyId: 'standard',
          target: 'next-response',
          dueAt: at(minute + 7),
          breachedAt: at(minute + 8),
        },
      },
    ];
    for (let i = 0; i < 4; i++) await record(store, `p${i}`, [...opened(`p${i}`, i), ...change(`p${i}`, 10 + i)]);
    // Interleaved with the others, as streams are in the store.
    await record(store, 'p0', [
      {
        type: 'ConversationNoteAdded',
        data: { conversationId: 'p0', noteId: 'n1', text: 'یادداشت', mentions: [], actor: maryam, at: at(30) },
      },
    ]);
    const snapshot = async () => ({
      rows: await db.query('SELECT * FROM read_models.conversations ORDER BY conversation_id'),
      items: await db.query('SELECT * FROM read_models.conversation_items ORDER BY conversation_id, revision'),
    });
    await project(db, store);
    const oneByOne = await snapshot();
    await db.query('TRUNCATE read_models.conversations, read_models.conversation_items');
    const events = await store.readAll();
    const pageAt = async (page: typeof events) =>
      db.transaction(async (tx) => {
        await useReadModelSchema(tx, 'read_models');
        await applyConversationPage(tx, page);
      });
    await pageAt(events.slice(0, 17));
    await pageAt(events.slice(17));
    assert.equal(await snapshot(), oneByOne);
    await pageAt(events); // a replay from an older checkpoint
    assert.equal(await snapshot(), oneByOne, 'the replay changed nothing');
    const view = await findConversation(db, 'p1');
    assert.equal(view?.labels, ['refund']);
    assert.is(view?.status, 'open');
    assert.is(view?.messageCount, 3);
  },
);

inbox.run();
