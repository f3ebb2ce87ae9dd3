import { randomBytes } from 'node:crypto';
import { seal } from '@hub/personal-data';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSqlAttachmentStore } from './attachment-store.ts';
import { createRawPayloadStore } from './raw-payload-store.ts';
import { rawPayloadMigrations } from './raw-payloads.migrations.ts';

const key = randomBytes(32);
const mime = Buffer.from(
  'From: =?UTF-8?B?2LPYp9ix2Kc=?= <sara@example.ir>\r\nSubject: =?UTF-8?B?2LPZhNin2YU=?=\r\n\r\nسلام\r\n',
);

// What versions before 2026-12 created: the bodies sealed as base64 text, NOT NULL.
const schemaBefore202612 = `
CREATE SCHEMA raw;
CREATE TABLE raw.payloads (payload_id text PRIMARY KEY, channel text NOT NULL, content_type text NOT NULL,
  received_at timestamptz NOT NULL, sealed_body text NOT NULL, parse_error text);
CREATE TABLE raw.attachments (sha256 text PRIMARY KEY, content_type text NOT NULL, size_bytes bigint NOT NULL,
  sealed_bytes text NOT NULL, stored_at timestamptz NOT NULL DEFAULT now());`;

for (const backend of ['PostgreSQL', 'PGlite'] as const) {
  const stores = suite<{ db: SqlDatabase; database?: TestDatabase }>(`raw payloads and attachments on ${backend}`);
  stores.before(async (context) => {
    if (backend === 'PGlite') {
      context.db = await openPGlite();
    } else {
      context.database = await createTestDatabase({ prefix: 'raw_payloads' });
      context.db = connectPostgres({ url: context.database.url, maxConnections: 2 });
    }
    await context.db.exec(schemaBefore202612);
    await context.db.query(
      `INSERT INTO raw.payloads VALUES ('old', 'email', 'message/rfc822', now(), $1, 'no From header')`,
      [seal(mime.toString('base64'), 'raw', key)],
    );
    await context.db.query(`INSERT INTO raw.attachments VALUES ('old-file', 'image/png', 4, $1, now())`, [
      seal(Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'), 'attachment', key),
    ]);
    // The upgrade: a database of before versioned migrations has the tables and no migrations table.
    await runMigrations(context.db, rawPayloadMigrations);
  });
  stores.after(async ({ db, database }) => {
    await db.close();
    await database?.drop();
  });

  stores('a raw payload comes back byte for byte, and is not in clear in the table', async ({ db }) => {
    const payloads = createRawPayloadStore(db, key);
    const id = await payloads.save({
      channel: 'email',
      contentType: 'message/rfc822',
      body: mime,
      receivedAt: new Date(),
    });
    assert.equal((await payloads.get(id))?.body, mime);
    const [row] = await db.query<{ sealed: Uint8Array }>('SELECT sealed FROM raw.payloads WHERE payload_id = $1', [id]);
    assert.ok(row?.sealed && row.sealed.length < mime.length + 64, 'stored as bytes, not as base64 text');
    assert.not.ok(Buffer.from(row.sealed).includes(Buffer.from('sara@example.ir')));
  });

  stores('payloads and attachments kept by an earlier version are still read after the upgrade', async ({ db }) => {
    const payloads = createRawPayloadStore(db, key);
    const old = await payloads.get('old');
    assert.equal(old?.body, mime);
    assert.is(old?.parseError, 'no From header');
    assert.equal(
      (await payloads.listParseFailures(10)).map((p) => p.id),
      ['old'],
    );
    const attachments = createSqlAttachmentStore(db, key);
    assert.equal((await attachments.get('old-file'))?.bytes, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  stores('an attachment is kept once by content and comes back byte for byte', async ({ db }) => {
    const attachments = createSqlAttachmentStore(db, key);
    const file = randomBytes(10_000);
    const id = await attachments.put(file, 'application/pdf');
    assert.is(await attachments.put(file, 'application/pdf'), id);
    assert.equal((await attachments.get(id))?.bytes, file);
    assert.is(await attachments.get('missing'), undefined);
  });

  stores.run();
}
