import type { Migration, SqlExecutor } from '@hub/sql';

/** How far one folder of one account has been imported. */
export interface ImapCheckpoint {
  /** UIDs mean something only within one UIDVALIDITY (RFC 3501 2.3.1.1). */
  readonly uidValidity: string;
  /** Every message up to this UID has been accepted by the intake (or recorded as unparseable). */
  readonly lastUid: number;
}

export interface ImapCheckpointStore {
  read(account: string, folder: string): Promise<ImapCheckpoint | undefined>;
  save(account: string, folder: string, checkpoint: ImapCheckpoint): Promise<void>;
}

/** The checkpoint table; run by the composition root with `runMigrations`. */
export const imapCheckpointMigrations: readonly Migration[] = [
  {
    id: 'imap-checkpoints/0001-checkpoints',
    sql: `
    CREATE TABLE IF NOT EXISTS imap_checkpoints (
      account      text        NOT NULL,
      folder       text        NOT NULL,
      uid_validity bigint      NOT NULL,
      last_uid     bigint      NOT NULL,
      updated_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account, folder)
    )`,
  },
];

/**
 * Checkpoints in SQL. Within one UIDVALIDITY a checkpoint only moves forward, so a second
 * poller on the same account (two instances during a deploy) cannot move it back.
 */
export function sqlImapCheckpoints(db: SqlExecutor): ImapCheckpointStore {
  return {
    async read(account, folder) {
      const rows = await db.query<{ uid_validity: string; last_uid: string }>(
        'SELECT uid_validity::text AS uid_validity, last_uid::text AS last_uid FROM imap_checkpoints WHERE account = $1 AND folder = $2',
        [account, folder],
      );
      const row = rows[0];
      return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : undefined;
    },
    async save(account, folder, { uidValidity, lastUid }) {
      await db.query(
        `INSERT INTO imap_checkpoints (account, folder, uid_validity, last_uid) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account, folder) DO UPDATE
           SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = now()
         WHERE imap_checkpoints.uid_validity <> excluded.uid_validity
            OR imap_checkpoints.last_uid < excluded.last_uid`,
        [account, folder, uidValidity, lastUid],
        { name: 'imap-checkpoint-save' },
      );
    },
  };
}
