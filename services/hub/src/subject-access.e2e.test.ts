import { rm } from 'node:fs/promises';
import { createTestDatabase, loudHook, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { CHANNEL_TOKEN, createColleagues, startWorkspaceHub } from './testing/agent-workspace.fixture.ts';

// A data-protection officer (an admin) answers Sara's subject access request: one JSON document of
// everything the hub holds of her, the customer merged into her included; nobody else may ask.

interface Context {
  hub: ComposedHub;
  dataDir: string;
  database: TestDatabase;
  admin: string;
  tokens: Record<'agent' | 'supervisor' | 'analyst', string>;
}

const access = suite<Context>('subject access export (PostgreSQL)');
access.before(
  loudHook(async (context) => {
    context.database = await createTestDatabase({ prefix: 'hub_subject_access' });
    const started = await startWorkspaceHub('subject-access', { DATABASE_URL: context.database.url });
    Object.assign(context, { hub: started.hub, dataDir: started.dataDir, admin: started.admin });
    const colleagues = await createColleagues(context.hub, context.admin);
    context.tokens = {
      agent: colleagues.maryam.token,
      supervisor: colleagues.sima.token,
      analyst: colleagues.nika.token,
    };
  }),
);
access.after(async ({ hub, dataDir, database }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await database?.drop();
});

async function call(hub: ComposedHub, method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.json(), raw: response.body, headers: response.headers };
}

let sent = 0;
/** Sara writes from `email`; resolves to the customer the agent API then finds for it (read with `reader`). */
async function contact(hub: ComposedHub, reader: string, email: string, text: string) {
  sent += 1;
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      channel: 'generic',
      source: { system: 'subject-access-test', externalId: `${email}-${sent}` },
      direction: 'inbound',
      occurredAt: new Date(Date.UTC(2026, 11, 1, 9, sent)).toISOString(),
      contact: { identifiers: [{ kind: 'email', value: email }], displayName: 'Sara Rezaei' },
      threadKey: email,
      summary: text,
      text,
      html: null,
      details: { channel: 'generic', system: 'subject-access-test', externalId: `${email}-${sent}`, attributes: {} },
    }),
  });
  assert.is(response.statusCode, 202, response.body);
  return waitFor(
    async () => {
      await hub.projectionCaughtUp();
      const found = await call(hub, 'GET', `/v1/customers/lookup?email=${email}`, reader);
      return found.status === 200 ? (found.body as { id: string }).id : undefined;
    },
    { timeoutMs: 20_000, what: email },
  );
}

interface ExportDocument {
  customerId: string;
  customers: { customerId: string }[];
  identifiers: { value: string }[];
  interactions: { text: string }[];
  conversations: { conversationId: string; notes: { text: string }[] }[];
  cases: { subject: string; description: string | null }[];
  csat: unknown[];
  orders: unknown[] | null;
}

access(
  'an admin exports everything of Sara, the customer merged into her included, as an attachment',
  async (context) => {
    const { hub, admin } = context;
    const sara = await contact(hub, admin, 'sara@example.ir', 'where is my order 1042?');
    const work = await contact(hub, admin, 'sara.work@example.ir', 'writing from work');
    assert.is((await call(hub, 'POST', `/v1/customers/${sara}/merges`, admin, { mergedId: work })).status, 202);
    const conversation = await waitFor(
      async () => {
        await hub.projectionCaughtUp();
        const inbox = await call(hub, 'GET', `/v1/inbox?customer=${sara}&status=all`, admin);
        return (inbox.body as { conversations: { id: string; customerId: string }[] }).conversations.find(
          (c) => c.customerId === sara,
        );
      },
      { timeoutMs: 20_000, what: 'sara’s conversation' },
    );
    const noted = await call(hub, 'POST', `/v1/conversations/${conversation.id}/notes`, context.tokens.agent, {
      text: 'she prefers a call in the morning',
    });
    assert.is(noted.status, 201, noted.raw);
    const opened = await call(hub, 'POST', '/v1/cases', context.tokens.agent, {
      kind: 'complaint',
      customerId: sara,
      subject: 'order 1042 late',
      description: 'promised on Monday',
    });
    assert.is(opened.status, 201, opened.raw);
    await hub.projectionCaughtUp();

    const exported = await call(hub, 'GET', `/v1/customers/${work}/export`, admin);
    assert.is(exported.status, 200, exported.raw);
    assert.match(String(exported.headers['content-disposition']), `attachment; filename="customer-${sara}.json"`);
    assert.match(String(exported.headers['content-type']), 'application/json');
    const document = exported.body as ExportDocument;
    assert.is(document.customerId, sara, 'asked for the merged customer: the person’s whole record');
    assert.equal(document.customers.map((c) => c.customerId).sort(), [sara, work].sort());
    assert.equal(document.identifiers.map((i) => i.value).sort(), ['sara.work@example.ir', 'sara@example.ir']);
    assert.equal(
      document.interactions.map((i) => i.text),
      ['where is my order 1042?', 'writing from work'],
    );
    const withNote = document.conversations.find((c) => c.conversationId === conversation.id);
    assert.equal(
      withNote?.notes.map((n) => n.text),
      ['she prefers a call in the morning'],
    );
    assert.equal(
      document.cases.map((c) => [c.subject, c.description]),
      [['order 1042 late', 'promised on Monday']],
    );
    assert.equal(document.csat, []);
    assert.equal(document.orders, [], 'no order of hers: an empty list, from the commerce read model');

    // After erasure there is nothing of her to export.
    assert.is((await call(hub, 'DELETE', `/v1/customers/${sara}`, admin)).status, 202);
    const after = await call(hub, 'GET', `/v1/customers/${sara}/export`, admin);
    assert.is(after.status, 404, after.raw);
    assert.match(after.raw, 'was erased');
    assert.not.match(after.raw, 'sara@');
  },
);

access('only admins export; bad ids, unknown customers and no credentials get problem+json', async (context) => {
  const { hub, admin } = context;
  const id = '00000000-0000-4000-8000-000000000002';
  for (const role of ['agent', 'supervisor', 'analyst'] as const) {
    const refused = await call(hub, 'GET', `/v1/customers/${id}/export`, context.tokens[role]);
    assert.is(refused.status, 403, `${role}: ${refused.raw}`);
    assert.match(String(refused.headers['content-type']), 'application/problem+json');
  }
  const cases: [string, string | undefined, number][] = [
    [`/v1/customers/${id}/export`, undefined, 401],
    [`/v1/customers/${id}/export`, 'not-a-token', 401],
    ['/v1/customers/not-a-uuid/export', admin, 400],
    [`/v1/customers/${id}/export`, admin, 404],
  ];
  for (const [url, token, status] of cases) {
    const response = await call(hub, 'GET', url, token);
    assert.is(response.status, status, `${url}: ${response.raw}`);
    assert.match(String(response.headers['content-type']), 'application/problem+json', url);
  }
});

access.run();
