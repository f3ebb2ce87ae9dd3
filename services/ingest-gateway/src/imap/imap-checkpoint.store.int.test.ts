import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { imapCheckpointMigrations, sqlImapCheckpoints } from './imap-checkpoint.store.ts';

interface Database {
  readonly name: string;
  open(): Promise<{ db: SqlDatabase; dispose(): Promise<void> }>;
}

// The same behaviour on the server (distributed mode) and on PGlite (the embedded default).
const databases: Database[] = [
  {
    name: 'PostgreSQL',
    async open() {
      const database = await createTestDatabase({ prefix: 'imap_checkpoints' });
      const db = connectPostgres({ url: database.url, maxConnections: 2 });
      const dispose = async () => {
        await db.close();
        await database.drop();
      };
      return { db, dispose };
    },
  },
  {
    name: 'PGlite',
    async open() {
      const db = await openPGlite();
      return { db, dispose: () => db.close() };
    },
  },
];

for (const database of databases) {
  const checkpoints = suite<{ db: SqlDatabase; dispose(): Promise<void> }>(`IMAP checkpoints on ${database.name}`);
  checkpoints.before(async (context) => {
    Object.assign(context, await database.open());
    await runMigrations(context.db, imapCheckpointMigrations);
  });
  checkpoints.after(({ dispose }) => dispose());

  checkpoints('none before the first import; then what was saved, per account and folder', async ({ db }) => {
    const store = sqlImapCheckpoints(db);
    assert.is(await store.read('agent@imap.example:993', 'INBOX'), undefined);
    await store.save('agent@imap.example:993', 'INBOX', { uidValidity: '4294967295', lastUid: 7 });
    await store.save('agent@imap.example:993', 'Support', { uidValidity: '17', lastUid: 2 });
    assert.equal(await store.read('agent@imap.example:993', 'INBOX'), { uidValidity: '4294967295', lastUid: 7 });
    assert.equal(await store.read('agent@imap.example:993', 'Support'), { uidValidity: '17', lastUid: 2 });
    assert.is(await store.read('other@imap.example:993', 'INBOX'), undefined);
  });

  checkpoints('within one UIDVALIDITY it never moves back (two pollers racing)', async ({ db }) => {
    const store = sqlImapCheckpoints(db);
    await store.save('a@x:143', 'INBOX', { uidValidity: '1', lastUid: 10 });
    await store.save('a@x:143', 'INBOX', { uidValidity: '1', lastUid: 4 });
    assert.equal(await store.read('a@x:143', 'INBOX'), { uidValidity: '1', lastUid: 10 });
  });

  checkpoints('a new UIDVALIDITY replaces the checkpoint, even with a lower UID', async ({ db }) => {
    const store = sqlImapCheckpoints(db);
    await store.save('b@x:143', 'INBOX', { uidValidity: '1', lastUid: 10 });
    await store.save('b@x:143', 'INBOX', { uidValidity: '2', lastUid: 1 });
    assert.equal(await store.read('b@x:143', 'INBOX'), { uidValidity: '2', lastUid: 1 });
  });

  checkpoints.run();
}
