import { randomBytes } from 'node:crypto';
import { createSqlDeadLetters, interactionLogNames } from '@hub/bus';
import { encodeInteractionMessage, interactionId, interactionLogKey, NormalizedInteraction } from '@hub/interactions';
import { createLogger } from '@hub/logger';
import { isSealed, isSealedBytes, unseal, unsealBytes } from '@hub/personal-data';
import type { SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { type HubSecrets, loadSecrets } from './secrets.ts';

const CHANNEL_TOKEN = 'channel-token-for-tests-0123';
const AGENT_TOKEN = 'agent-token-for-tests-456789';

// The person to forget, and everything of theirs the hub is given.
const EMAIL = 'nasrin.forget@example.com';
const WORK_EMAIL = 'nasrin.work@example.com';
const PHONE = '+989121110022';
const NAME = 'Nasrin Forgetmenot';
const PERSIAN_NAME = 'نسرین فراموش‌نشدنی';
const EMAIL_TEXT = 'my order 7731 never came, kumquat';
const MERGED_TEXT = 'call me about the quince invoice';
const PARSE_FAILURE_TEXT = 'persimmon complaint without a sender';
const DEAD_LETTER_TEXT = 'loquat question that failed to record';
const ATTACHMENT = Buffer.concat([Buffer.from('%PDF-erase-me '), randomBytes(48)]);

const emailWithAttachment = [
  `From: ${NAME} <${EMAIL}>`,
  'To: support@shop.example',
  'Subject: order 7731',
  'Message-ID: <erase-1@example.com>',
  'Date: Mon, 30 Nov 2026 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  EMAIL_TEXT,
  '--b1',
  'Content-Type: application/pdf; name="receipt.pdf"',
  'Content-Disposition: attachment; filename="receipt.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  ATTACHMENT.toString('base64'),
  '--b1--',
  '',
].join('\r\n');

// No From header: refused and kept as a parse failure, naming the person only in its text.
const unparseable = [
  'To: support@shop.example',
  `Reply-To: ${EMAIL}`,
  'Subject: help',
  '',
  `${PARSE_FAILURE_TEXT}, call 0912 111 0022`,
  '',
].join('\r\n');

const generic = (externalId: string, identifiers: { kind: string; value: string }[], text: string, at: string) => ({
  channel: 'generic',
  source: { system: 'crm-test', externalId },
  direction: 'inbound',
  occurredAt: at,
  contact: { identifiers, displayName: PERSIAN_NAME },
  threadKey: externalId,
  summary: text,
  text,
  html: null,
  details: { channel: 'generic', system: 'crm-test', externalId, attributes: {} },
});

/** Every string form the hub could keep a value in: as is, base64 (with and without padding), base64url. */
const forms = (value: string | Buffer): Buffer[] => {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
  const base64 = bytes.toString('base64');
  return [bytes, Buffer.from(base64), Buffer.from(base64.replace(/=+$/, '')), Buffer.from(bytes.toString('base64url'))];
};

const NEEDLES: [string, Buffer[]][] = [
  ['email', forms(EMAIL)],
  ['work email', forms(WORK_EMAIL)],
  ['phone', [...forms(PHONE), ...forms('09121110022'), ...forms('0912 111 0022')]],
  ['name', forms(NAME)],
  ['Persian name', forms(PERSIAN_NAME)],
  ['email text', forms(EMAIL_TEXT)],
  ['merged customer text', forms(MERGED_TEXT)],
  ['parse failure text', forms(PARSE_FAILURE_TEXT)],
  ['dead letter text', forms(DEAD_LETTER_TEXT)],
  ['attachment bytes', forms(ATTACHMENT)],
];

/** What a stored value shows anyone holding the hub's keys: itself, and whatever sealed in it opens. */
function readable(value: Buffer, keys: readonly Buffer[]): Buffer[] {
  const shown = [value];
  const open = (f: () => Buffer) => {
    try {
      shown.push(...readable(f(), keys));
    } catch {
      // sealed with a key that is gone (crypto-shredded) or another one: unreadable
    }
  };
  if (isSealedBytes(value)) for (const key of keys) open(() => unsealBytes(value, key));
  for (const sealed of value
    .toString('utf8')
    .match(/pd1:[A-Za-z0-9_.-]*:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*:[A-Za-z0-9_-]+/g) ?? []) {
    if (!isSealed(sealed)) continue;
    for (const key of keys)
      open(() => {
        const opened = unseal(sealed, key);
        return Buffer.from(typeof opened === 'string' ? opened : JSON.stringify(opened), 'utf8');
      });
  }
  return shown;
}

/**
 * Every text, JSON and byte column of every table of every schema, searched for the person's
 * values in plain and encoded forms, in the stored bytes and in whatever the hub's keys (and the
 * customer keys still in the database) open in them. Returns where each was found.
 */
async function findPersonalData(db: SqlDatabase, secrets: HubSecrets): Promise<string[]> {
  const columns = await db.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_schema, c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')`,
  );
  const customerKeys = await db.query<{ data_key: Uint8Array }>('SELECT data_key FROM personal_data.customer_keys');
  const keys = [...Object.values(secrets.keys), ...customerKeys.map((k) => Buffer.from(k.data_key))];
  const found: string[] = [];
  for (const c of columns) {
    const rows = await db.query<{ v: string | Uint8Array | null }>(
      `SELECT ${c.data_type === 'bytea' ? `"${c.column_name}"` : `"${c.column_name}"::text`} AS v FROM "${c.table_schema}"."${c.table_name}"`,
    );
    for (const { v } of rows) {
      if (v === null) continue;
      const shown = readable(typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v), keys);
      for (const [what, needles] of NEEDLES) {
        const hit = shown.some((bytes) => {
          const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
          return needles.some(
            (n) => bytes.includes(n) || lower.includes(Buffer.from(n.toString('latin1').toLowerCase(), 'latin1')),
          );
        });
        if (hit) found.push(`${what} in ${c.table_schema}.${c.table_name}.${c.column_name}`);
      }
    }
  }
  return [...new Set(found)];
}

const erasure = suite<{ hub: ComposedHub; database: TestDatabase; secrets: HubSecrets }>(
  'erasure destroys every copy of a customer (PostgreSQL, in-process log)',
);

erasure.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'hub_erasure' });
  const config = loadConfig({
    HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
    HUB_AGENT_TOKEN: AGENT_TOKEN,
    HUB_MASTER_KEY: randomBytes(32).toString('base64'),
    HUB_LOG_LEVEL: 'silent',
    DATABASE_URL: context.database.url,
  });
  context.secrets = await loadSecrets(config);
  // Errors only, on stderr: the runner shows them when a test fails (a 500 says why here).
  context.hub = await composeHub(
    config,
    createLogger({ service: 'erasure-test', level: 'error', destination: process.stderr }),
  );
});
erasure.after(async ({ hub, database }) => {
  await hub?.stop();
  await database?.drop();
});

const call = (hub: ComposedHub, method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: unknown) =>
  hub.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

const lookup = async (hub: ComposedHub, query: string) => {
  await hub.projectionCaughtUp();
  const response = await call(hub, 'GET', `/v1/customers/lookup?${query}`, AGENT_TOKEN);
  return response.statusCode === 200 ? (response.json() as { id: string }) : undefined;
};

const postEmail = (hub: ComposedHub, message: string) =>
  hub.app.inject({
    method: 'POST',
    url: '/v1/channels/email',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'message/rfc822' },
    payload: message,
  });

const letterOf = (secrets: HubSecrets): { key: string; value: Buffer; headers: Record<string, string> } => {
  const interaction = NormalizedInteraction.parse({
    ...generic('dead-1', [{ kind: 'email', value: EMAIL }], DEAD_LETTER_TEXT, '2026-11-30T10:00:00Z'),
    id: interactionId('generic', 'crm-test', 'dead-1'),
  });
  return encodeInteractionMessage(
    { interaction, rawPayloadId: 'dead-1', receivedAt: new Date().toISOString() },
    interactionLogKey({ kind: 'email', value: EMAIL }, secrets.keys.partition),
    secrets.keys.transport,
  );
};

erasure(
  'attachments, a parse failure, a dead letter and a merged customer: after erasure nothing of the person is in any table, and a redrive does not bring them back',
  async ({ hub, secrets }) => {
    const received = await postEmail(hub, emailWithAttachment);
    assert.is(received.statusCode, 202, received.body);
    const posted = await call(
      hub,
      'POST',
      '/v1/interactions',
      CHANNEL_TOKEN,
      generic(
        'merged-1',
        [
          { kind: 'phone', value: PHONE },
          { kind: 'email', value: WORK_EMAIL },
        ],
        MERGED_TEXT,
        '2026-11-30T11:00:00Z',
      ),
    );
    assert.is(posted.statusCode, 202, posted.body);
    const refused = await postEmail(hub, unparseable);
    assert.is(refused.statusCode, 400, 'an unparseable message is refused and kept as a parse failure');
    // What the writer leaves after giving up on a message (a database outage): the message, sealed as it came.
    const letter = letterOf(secrets);
    await createSqlDeadLetters(hub.database, { log: interactionLogNames.inProcess }).add({
      message: letter,
      group: 'timeline-writer',
      reason: 'database unavailable',
      errorCode: 'INTAKE_UNAVAILABLE',
      attempts: 5,
      source: 'in-process/0/17',
      firstFailedAt: new Date(),
    });

    const survivor = await waitFor(() => lookup(hub, `email=${EMAIL}`), {
      timeoutMs: 20_000,
      what: 'the email customer',
    });
    const merged = await waitFor(() => lookup(hub, `phone=${encodeURIComponent(PHONE)}`), {
      timeoutMs: 20_000,
      what: 'the phone customer',
    });
    const merging = await call(hub, 'POST', `/v1/customers/${survivor.id}/merges`, AGENT_TOKEN, {
      mergedId: merged.id,
    });
    assert.is(merging.statusCode, 202, merging.body);
    await hub.projectionCaughtUp();
    const before = await findPersonalData(hub.database, secrets);
    assert.ok(
      before.some((f) => f.startsWith('attachment bytes in raw.attachments')),
      `the search sees stored data: ${before}`,
    );
    assert.ok(
      before.some((f) => f.startsWith('dead letter text in public.dead_letters')),
      `${before}`,
    );

    const erased = await call(hub, 'DELETE', `/v1/customers/${survivor.id}`, AGENT_TOKEN);
    assert.is(erased.statusCode, 202, erased.body);
    assert.equal([...(erased.json() as { erasedIds: string[] }).erasedIds].sort(), [survivor.id, merged.id].sort());
    await hub.projectionCaughtUp();
    assert.equal(await findPersonalData(hub.database, secrets), [], 'nothing of the person is readable anywhere');

    // A redrive (of the SQL letter if one were left, or of Kafka's copy, or a replay) of the old message.
    assert.equal(await hub.log.deadLetters.list(), [], 'the dead letter is gone with the rest');
    await hub.log.publish([letter]);
    await hub.projectionCaughtUp();
    assert.is(await lookup(hub, `email=${EMAIL}`), undefined, 'the old message does not record the person again');
    assert.equal(await findPersonalData(hub.database, secrets), []);

    // The person comes back on their own: a new customer, nothing of the old one.
    const again = await call(
      hub,
      'POST',
      '/v1/interactions',
      CHANNEL_TOKEN,
      generic('back-1', [{ kind: 'email', value: EMAIL }], 'hello again', new Date().toISOString()),
    );
    assert.is(again.statusCode, 202, again.body);
    const returned = await waitFor(() => lookup(hub, `email=${EMAIL}`), {
      timeoutMs: 20_000,
      what: 'the returning customer',
    });
    assert.not.ok([survivor.id, merged.id].includes(returned.id), 'a new customer');
  },
);

erasure(
  'erasing the customer that was merged into another erases the survivor too: after a merge they are one person',
  async ({ hub }) => {
    const a = generic(
      'm-a',
      [{ kind: 'email', value: 'pair.one@example.com' }],
      'first of a pair',
      '2026-11-29T10:00:00Z',
    );
    const b = generic(
      'm-b',
      [{ kind: 'email', value: 'pair.two@example.com' }],
      'second of a pair',
      '2026-11-29T11:00:00Z',
    );
    for (const body of [a, b])
      assert.is((await call(hub, 'POST', '/v1/interactions', CHANNEL_TOKEN, body)).statusCode, 202);
    const one = await waitFor(() => lookup(hub, 'email=pair.one@example.com'), { timeoutMs: 20_000, what: 'one' });
    const two = await waitFor(() => lookup(hub, 'email=pair.two@example.com'), { timeoutMs: 20_000, what: 'two' });
    assert.is(
      (await call(hub, 'POST', `/v1/customers/${one.id}/merges`, AGENT_TOKEN, { mergedId: two.id })).statusCode,
      202,
    );
    const erased = await call(hub, 'DELETE', `/v1/customers/${two.id}`, AGENT_TOKEN);
    assert.is(erased.statusCode, 202, erased.body);
    await hub.projectionCaughtUp();
    for (const q of ['email=pair.one@example.com', 'email=pair.two@example.com'])
      assert.is(await lookup(hub, q), undefined, `${q} resolves to nobody`);
    const rows = await hub.database.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM read_models.timeline WHERE body_text LIKE '%of a pair'",
    );
    assert.is(rows[0]?.n, '0', 'the moved timeline rows are gone');
  },
);

erasure.run();
