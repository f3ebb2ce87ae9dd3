import { readFileSync } from 'node:fs';
import { connectImapMailbox, type ImapConnection, type ImapMailbox } from '@hub/channels';
import { createInMemoryAttachmentStore, createRecordingIntake, interactionId } from '@hub/interactions';
import { silentLogger } from '@hub/logger';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import {
  createTestDatabase,
  loudHook,
  type ProvidedImap,
  provideImapServer,
  type TestDatabase,
  uniqueName,
} from '@hub/testing';
import { defaultIngestSettings } from '../ingest-settings.ts';
import { imapCheckpointMigrations, sqlImapCheckpoints } from './imap-checkpoint.store.ts';
import { createImapPoller, type ImapPollerOptions } from './imap-poller.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../packages/channels/src/email/fixtures/${name}`, import.meta.url));

/** Real-format sample messages, with the Message-IDs they carry. */
export const samples = {
  persian: {
    raw: fixture('persian-alternative.eml'),
    messageId: '<f3a1c9e2-7b4d-4a51-9d0e-1c2b3a4d5e6f@mail.example.ir>',
  },
  arabic: { raw: fixture('arabic-quoted-printable.eml'), messageId: '<CAK7+ar.456.return@mail.example.sa>' },
  invoice: { raw: fixture('pdf-attachment.eml'), messageId: '<invoice-2026-117.0001@billing.example.com>' },
  reply: { raw: fixture('reply-thread.eml'), messageId: '<reply-2.7781@example.com>' },
  japanese: { raw: fixture('japanese-iso-2022-jp.eml'), messageId: '<20261121093000.ABCD1234@mail.example.jp>' },
};

export const imapId = (messageId: string) => interactionId('email', 'imap', messageId);

export interface ImapTestContext {
  server: ProvidedImap;
  database: TestDatabase;
  db: SqlDatabase;
  connection: ImapConnection;
  /** A mail client of its own, to put messages in and look at flags, as a person would. */
  client: ImapMailbox;
}

/** An IMAP account, a fresh database with the checkpoint table. */
export const openImapTestContext = loudHook(async (context: Partial<ImapTestContext>): Promise<void> => {
  context.server = await provideImapServer();
  const { host, port, user, password, tls } = context.server;
  context.connection = { host, port, user, password, tls };
  context.database = await createTestDatabase({ prefix: 'imap_poller' });
  context.db = connectPostgres({ url: context.database.url });
  await runMigrations(context.db, imapCheckpointMigrations);
  context.client = await connectImapMailbox(context.connection, silentLogger());
});

export async function closeImapTestContext({ client, db, database, server }: Partial<ImapTestContext>): Promise<void> {
  await client?.close();
  await db?.close();
  await database?.drop();
  await server?.stop();
}

/** A poller as a freshly started process would build it: its own SQL pool, its own intake. */
export function newPoller(context: ImapTestContext, folder: string, options: Partial<ImapPollerOptions> = {}) {
  const intake = createRecordingIntake();
  const db = connectPostgres({ url: context.database.url, maxConnections: 2 });
  const deps = {
    intake,
    attachments: createInMemoryAttachmentStore(),
    logger: silentLogger(),
    now: () => new Date('2026-11-23T09:00:00Z'),
    settings: { ...defaultIngestSettings, channelToken: 'unused' },
  };
  const checkpoints = sqlImapCheckpoints(db);
  const poller = createImapPoller({ connection: context.connection, folders: [folder], checkpoints, deps, ...options });
  const ids = () => intake.accepted.flatMap((call) => call.interactions.map((interaction) => interaction.id));
  return { poller, intake, checkpoints, ids, close: () => db.close() };
}

/** A folder of the test's own (tests may share one account), filled by APPEND like a mail client. */
export async function newFolder(client: ImapMailbox, ...messages: [Buffer, string[]][]): Promise<string> {
  const folder = uniqueName('crm');
  await client.createFolder(folder);
  for (const [raw, flags] of messages) await client.append(folder, raw, flags);
  return folder;
}
