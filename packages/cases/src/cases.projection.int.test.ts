import { randomUUID } from 'node:crypto';
import { handleCommand } from '@hub/decider';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import { type Actor, type CaseKind, caseStream } from '@hub/events';
import { useReadModelSchema } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CaseCommand } from './case.commands.ts';
import { caseDecider } from './case.decider.ts';
import { openCase } from './case.numbering.ts';
import { casesMigrations } from './cases.migrations.ts';
import { applyCaseEvent } from './cases.projection.ts';
import { findCase, findCaseByNumber, listCases, purgeCustomerCases } from './cases.queries.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const maryam: Actor = { kind: 'agent', userId: 'maryam' };
const sara = '0b5c0a4e-6f1e-4a57-9b0e-3f5b7f1d2c11';
const ali = '1c6d1b5f-7a2f-4b68-8c1f-4a6c8a2e3d22';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 9, minute));

async function open(
  store: EventStore,
  kind: CaseKind,
  customerId: string,
  minute: number,
  conversationIds: string[] = [],
) {
  const opened = await openCase(
    { store, newEventId: randomUUID, metadata: {} },
    {
      caseId: randomUUID(),
      caseKind: kind,
      customerId,
      subject: `${kind} of ${customerId.slice(0, 4)}`,
      description: null,
      orderReference: kind === 'return' ? 'ORD-7' : null,
      ownerId: 'maryam',
      conversationIds,
      actor: maryam,
      now: at(minute),
    },
  );
  return opened.state.caseId;
}

const act = (store: EventStore, caseId: string, command: CaseCommand) =>
  handleCommand({
    store,
    streamId: caseStream(caseId),
    decider: caseDecider,
    command,
    eventContext: () => ({ id: randomUUID(), occurredAt: new Date() }),
  });

/** Everything in the store, applied in order, one transaction per event: as the runner does. */
async function project(db: SqlDatabase, store: EventStore) {
  for (const event of await store.readAll())
    await db.transaction(async (tx) => {
      await useReadModelSchema(tx, 'read_models');
      await applyCaseEvent(tx, event);
    });
}

const readModel = suite<Context>('the cases read model');
readModel.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'cases' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 2 });
  await runMigrations(context.db, casesMigrations);
  context.store = createInMemoryEventStore();
});
readModel.after.each(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

readModel(
  'cases are listed by status, kind, owner, customer and conversation; found by number',
  async ({ db, store }) => {
    const conversation = randomUUID();
    const complaint = await open(store, 'complaint', sara, 0, [conversation]);
    const question = await open(store, 'information-request', sara, 1);
    const ret = await open(store, 'return', ali, 2);
    await act(store, complaint, {
      kind: 'ChangeCaseStatus',
      status: 'investigating',
      reason: null,
      actor: maryam,
      now: at(3),
    });
    await act(store, ret, { kind: 'AssignCaseOwner', ownerId: 'reza', actor: maryam, now: at(4) });
    await act(store, question, { kind: 'AddCaseNote', noteId: 'n1', text: 'پاسخ داده شد', actor: maryam, now: at(5) });
    await project(db, store);

    const ids = async (filter: Parameters<typeof listCases>[1]) => (await listCases(db, filter)).cases.map((c) => c.id);
    assert.equal(await ids({}), [question, ret, complaint], 'most recently changed first');
    assert.equal(await ids({ status: 'investigating' }), [complaint]);
    assert.equal(await ids({ kind: 'return' }), [ret]);
    assert.equal(await ids({ ownerId: 'maryam' }), [question, complaint]);
    assert.equal(await ids({ customerIds: [sara] }), [question, complaint]);
    assert.equal(await ids({ conversationId: conversation }), [complaint]);
    const first = await listCases(db, { limit: 2 });
    assert.ok(first.nextCursor);
    assert.equal(
      await ids({ limit: 2, cursor: first.nextCursor }),
      [complaint],
      'the next page goes on after the last one',
    );

    const byNumber = await findCaseByNumber(db, 'c-2026-000002');
    assert.is(byNumber?.id, question);
    assert.equal(
      byNumber?.items.map((i) => [i.kind, i.data.text ?? null]),
      [
        ['opened', null],
        ['note', 'پاسخ داده شد'],
      ],
    );
  },
);

readModel(
  'projecting the same events again changes nothing; purging a customer drops their cases',
  async ({ db, store }) => {
    const complaint = await open(store, 'complaint', sara, 0);
    await open(store, 'return', ali, 1);
    await act(store, complaint, {
      kind: 'ChangeCaseStatus',
      status: 'investigating',
      reason: 'photos',
      actor: maryam,
      now: at(2),
    });
    await project(db, store);
    const once = await findCase(db, complaint);
    await project(db, store);
    assert.equal(await findCase(db, complaint), once);
    assert.is(once?.status, 'investigating');
    assert.is(once?.revision, 1);
    await purgeCustomerCases(db, [sara]);
    assert.is(await findCase(db, complaint), undefined);
    assert.equal(
      (await listCases(db, {})).cases.map((c) => c.customerId),
      [ali],
    );
  },
);

readModel.run();
