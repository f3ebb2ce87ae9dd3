import type { Logger } from '@hub/logger';
import { ImapFlow } from 'imapflow';

export interface ImapConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** `implicit` (port 993), `starttls` (required, never cleartext credentials), `none` (loopback tests). */
  readonly tls: 'implicit' | 'starttls' | 'none';
}

export interface ImapFolderState {
  /** Decimal string: UIDVALIDITY is a 32-bit unsigned number, kept exact as text. */
  readonly uidValidity: string;
  readonly uidNext: number;
  readonly exists: number;
}

export interface MailboxMessage {
  readonly uid: number;
  readonly raw: Buffer;
  readonly flags: readonly string[];
}

/** One logged-in IMAP session; the folder operations act on the folder opened last. */
export interface ImapMailbox {
  /** `user@host:port`: names the account in checkpoints and logs. */
  readonly account: string;
  /** A read-only open (EXAMINE) guarantees that the server changes no flag, whatever we fetch. */
  openFolder(path: string, options: { readOnly: boolean }): Promise<ImapFolderState>;
  uidsAfter(uid: number): Promise<number[]>;
  /** The whole messages, fetched with BODY.PEEK[] so that nothing is marked \Seen. */
  fetchMessages(uids: readonly number[]): Promise<MailboxMessage[]>;
  addFlags(uids: readonly number[], flags: readonly string[]): Promise<void>;
  deleteMessages(uids: readonly number[]): Promise<void>;
  /** What a mail client does to file a message (e.g. an agent's reply into Sent). */
  append(folder: string, raw: Buffer, flags?: readonly string[]): Promise<void>;
  /** Every message's flags in a folder, by UID (opens the folder read-only). */
  flagsByUid(folder: string): Promise<Map<number, string[]>>;
  createFolder(path: string): Promise<void>;
  deleteFolder(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Logs in with imapflow; IDLE is off because the hub polls on its own schedule. */
export async function connectImapMailbox(connection: ImapConnection, logger: Logger): Promise<ImapMailbox> {
  const client = new ImapFlow({
    host: connection.host,
    port: connection.port,
    secure: connection.tls === 'implicit',
    doSTARTTLS: connection.tls === 'starttls' ? true : connection.tls === 'none' ? false : undefined,
    auth: { user: connection.user, pass: connection.password },
    disableAutoIdle: true,
    // imapflow logs every command at debug and info; only its warnings belong in the hub's log
    // (or less, when the hub's own level is stricter).
    logger: logger.child({ component: 'imapflow' }, { level: logger.levelVal > 40 ? logger.level : 'warn' }),
    connectionTimeout: 30_000,
  });
  client.on('error', (error) => logger.warn({ err: error }, 'IMAP connection error'));
  await client.connect();
  const uidSet = (uids: readonly number[]) => uids.join(',');
  // \Recent belongs to a session (only one session ever sees it), not to the message.
  const flagsOf = (flags: Set<string> | undefined) => [...(flags ?? [])].filter((flag) => flag !== '\\Recent');

  return {
    account: `${connection.user}@${connection.host}:${connection.port}`,
    async openFolder(path, { readOnly }) {
      const mailbox = await client.mailboxOpen(path, { readOnly });
      return { uidValidity: mailbox.uidValidity.toString(), uidNext: mailbox.uidNext, exists: mailbox.exists };
    },
    async uidsAfter(uid) {
      const found = await client.search({ uid: `${uid + 1}:*` }, { uid: true });
      // `n:*` always matches the highest UID, even when it is below n (RFC 3501 6.4.8).
      return (found || []).filter((candidate) => candidate > uid).sort((a, b) => a - b);
    },
    async fetchMessages(uids) {
      if (uids.length === 0) return [];
      const fetched = await client.fetchAll(uidSet(uids), { uid: true, source: true, flags: true }, { uid: true });
      return fetched
        .map((message) => ({ uid: message.uid, raw: message.source ?? Buffer.alloc(0), flags: flagsOf(message.flags) }))
        .sort((a, b) => a.uid - b.uid);
    },
    async addFlags(uids, flags) {
      if (uids.length > 0) await client.messageFlagsAdd(uidSet(uids), [...flags], { uid: true });
    },
    async deleteMessages(uids) {
      if (uids.length > 0) await client.messageDelete(uidSet(uids), { uid: true });
    },
    async append(folder, raw, flags = []) {
      await client.append(folder, raw, [...flags]);
    },
    async flagsByUid(folder) {
      const { exists } = await client.mailboxOpen(folder, { readOnly: true });
      if (exists === 0) return new Map();
      const fetched = await client.fetchAll('1:*', { uid: true, flags: true });
      return new Map(fetched.map((message) => [message.uid, flagsOf(message.flags)]));
    },
    async createFolder(path) {
      await client.mailboxCreate(path);
    },
    async deleteFolder(path) {
      await client.mailboxDelete(path);
    },
    async close() {
      await client.logout().catch(() => client.close());
    },
  };
}
