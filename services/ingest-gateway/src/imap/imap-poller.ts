import { connectImapMailbox, type ImapConnection, type ImapMailbox, type MailboxMessage } from '@hub/channels';
import { isHubError } from '@hub/errors';
import type { RawPayload } from '@hub/interactions';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { EMAIL_CONTENT_TYPE, parseReceivedEmail } from '../routes/email.routes.ts';
import type { ImapCheckpointStore } from './imap-checkpoint.store.ts';
import { type PollSchedule, schedulePolls } from './imap-poll.schedule.ts';

export interface ImapPollerOptions {
  readonly connection: ImapConnection;
  readonly folders: readonly string[];
  readonly checkpoints: ImapCheckpointStore;
  readonly deps: IngestDependencies;
  /** Expunge messages once imported. Off by default: the mailbox stays the customer-facing record. */
  readonly deleteAfterImport?: boolean;
  /** Flag imported messages \Seen. Off by default: people reading the mailbox keep their unread state. */
  readonly markSeen?: boolean;
  /** Messages fetched per round trip; bounds memory for large mailboxes. */
  readonly batchSize?: number;
}

export interface FolderImport {
  readonly folder: string;
  readonly imported: number;
  readonly unparseable: number;
  readonly lastUid: number;
  readonly uidValidityChanged: boolean;
}

/** `pollOnce()` for one import of every folder, `start(intervalMs)`/`stop()` to keep polling. */
export type ImapPoller = PollSchedule<FolderImport[]>;

/**
 * Imports every message above the folder's checkpoint, read or unread, without changing it on
 * the server unless told to. The checkpoint moves past a message only once the intake accepted
 * it (or recorded it as unparseable), so an outage or a crash resumes exactly there; a message
 * accepted but not yet checkpointed is offered again and dropped by its deterministic id.
 */
export function createImapPoller(options: ImapPollerOptions): ImapPoller {
  const { deps, checkpoints } = options;
  const log = deps.logger.child({ component: 'imap-poller' });
  const batchSize = options.batchSize ?? 25;
  const readOnly = !options.markSeen && !options.deleteAfterImport;

  async function importMessage(message: MailboxMessage): Promise<'imported' | 'unparseable'> {
    const raw: RawPayload = {
      channel: 'email',
      contentType: EMAIL_CONTENT_TYPE,
      body: message.raw,
      receivedAt: deps.now(),
    };
    try {
      const interaction = await parseReceivedEmail(deps, raw, 'imap');
      await deps.intake.accept([interaction], raw);
      return 'imported';
    } catch (error) {
      // Recorded as a parse failure already: one bad message must not stop the folder forever.
      if (isHubError(error, 'INVALID_INPUT')) return 'unparseable';
      throw error;
    }
  }

  async function afterImport(mailbox: ImapMailbox, uids: number[]): Promise<void> {
    if (options.markSeen) await mailbox.addFlags(uids, ['\\Seen']);
    if (options.deleteAfterImport) await mailbox.deleteMessages(uids);
  }

  async function importFolder(mailbox: ImapMailbox, folder: string): Promise<FolderImport> {
    const folderLog = log.child({ account: mailbox.account, folder });
    const state = await mailbox.openFolder(folder, { readOnly });
    const saved = await checkpoints.read(mailbox.account, folder);
    const uidValidityChanged = saved !== undefined && saved.uidValidity !== state.uidValidity;
    if (uidValidityChanged) {
      folderLog.warn(
        { was: saved.uidValidity, now: state.uidValidity },
        'UIDVALIDITY changed: importing the folder again',
      );
    }
    let lastUid = saved && !uidValidityChanged ? saved.lastUid : 0;
    // Recorded at once, so an emptied folder does not look changed again at every poll.
    if (uidValidityChanged)
      await checkpoints.save(mailbox.account, folder, { uidValidity: state.uidValidity, lastUid });
    const counts = { imported: 0, unparseable: 0 };
    // UIDs are handed out in ascending order: below UIDNEXT there is nothing new to look for
    // (a server that reported no UIDNEXT is searched anyway).
    const nothingNew = state.uidNext > 0 && state.uidNext <= lastUid + 1;
    const pending = nothingNew ? [] : await mailbox.uidsAfter(lastUid);
    for (let at = 0; at < pending.length; at += batchSize) {
      const done: number[] = [];
      try {
        for (const message of await mailbox.fetchMessages(pending.slice(at, at + batchSize))) {
          counts[await importMessage(message)] += 1;
          await checkpoints.save(mailbox.account, folder, { uidValidity: state.uidValidity, lastUid: message.uid });
          lastUid = message.uid;
          done.push(message.uid);
        }
      } finally {
        // Even when the batch stopped half way, what was imported gets its configured treatment.
        // A failure here loses nothing (the messages are imported), so it is only reported.
        if (done.length > 0) {
          await afterImport(mailbox, done).catch((error: unknown) =>
            folderLog.warn({ err: error, uids: done.length }, 'could not flag or delete imported messages'),
          );
        }
      }
      folderLog.info(
        { ...counts, lastUid, remaining: Math.max(pending.length - at - batchSize, 0) },
        'IMAP import progress',
      );
    }
    return { folder, ...counts, lastUid, uidValidityChanged };
  }

  async function pollAll(): Promise<FolderImport[]> {
    const mailbox = await connectImapMailbox(options.connection, log);
    try {
      const results: FolderImport[] = [];
      const failures: unknown[] = [];
      // A folder that fails (renamed, intake down) does not keep the others from being imported.
      for (const folder of options.folders) {
        await importFolder(mailbox, folder).then(
          (result) => results.push(result),
          (error: unknown) => {
            log.error({ err: error, account: mailbox.account, folder }, 'IMAP folder import stopped');
            failures.push(error);
          },
        );
      }
      if (failures.length > 0) throw failures[0];
      return results;
    } finally {
      await mailbox.close();
    }
  }
  return schedulePolls(pollAll, log);
}
