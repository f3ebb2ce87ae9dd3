import { HubError } from '@hub/errors';
import type { Migration, SqlDatabase } from '@hub/sql';
import type { DeadLetter, DeadLetters, LogMessage } from './interaction-log.port.ts';

// Dead letters of the in-process log. They outlive the process (the publisher was told "accepted"),
// so they live in the same database as the events, not in memory.
const schema = /* sql */ `
CREATE TABLE IF NOT EXISTS dead_letters (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  log_name             text        NOT NULL,
  group_name           text        NOT NULL,
  message_key          text        NOT NULL,
  value                bytea       NOT NULL,
  headers              jsonb       NOT NULL,
  reason               text        NOT NULL,
  error_code           text,
  attempts             integer     NOT NULL,
  source               text        NOT NULL,
  first_failed_at      timestamptz NOT NULL,
  dead_lettered_at     timestamptz NOT NULL DEFAULT now(),
  -- Set by a process that cannot publish (the CLI); the process owning the log redrives it.
  redrive_requested_at timestamptz
);
CREATE INDEX IF NOT EXISTS dead_letters_log_idx ON dead_letters (log_name, id);
`;

/** Run by the composition root with `runMigrations` before the in-process log is made. */
export const deadLetterMigrations: readonly Migration[] = [{ id: 'dead-letters/0001-dead-letters', sql: schema }];

export type NewDeadLetter = Omit<DeadLetter, 'id' | 'deadLetteredAt'>;

export interface SqlDeadLetters extends DeadLetters {
  add(letter: NewDeadLetter): Promise<void>;
  /** Redrives the letters another process asked for; needs `republish`. */
  redriveRequested(): Promise<number>;
}

interface Row {
  id: string | number;
  message_key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  group_name: string;
  reason: string;
  error_code: string | null;
  attempts: number;
  source: string;
  first_failed_at: Date;
  dead_lettered_at: Date;
}

const toDeadLetter = (row: Row): DeadLetter => ({
  id: String(row.id),
  message: { key: row.message_key, value: Buffer.from(row.value), headers: row.headers },
  group: row.group_name,
  reason: row.reason,
  errorCode: row.error_code ?? undefined,
  attempts: row.attempts,
  source: row.source,
  firstFailedAt: new Date(row.first_failed_at),
  deadLetteredAt: new Date(row.dead_lettered_at),
});

/**
 * Dead letters of log `log` in table `dead_letters`. With `republish` (the process that owns the
 * log) a redrive publishes and then deletes; without it (the CLI) it marks the letter, and the
 * owning process redrives it when its consumer starts or within its poll interval.
 */
export function createSqlDeadLetters(
  db: SqlDatabase,
  options: { log: string; republish?: (message: LogMessage) => Promise<void> },
): SqlDeadLetters {
  const { log, republish } = options;
  const select = `SELECT * FROM dead_letters WHERE log_name = $1`;
  const find = async (id: string) => {
    const rows = /^\d{1,18}$/.test(id) ? await db.query<Row>(`${select} AND id = $2::bigint`, [log, id]) : [];
    if (!rows[0]) throw new HubError('NOT_FOUND', `no dead letter ${id} in ${log}`, { id });
    return toDeadLetter(rows[0]);
  };
  const redrive = async (id: string) => {
    const letter = await find(id);
    if (!republish) {
      await db.query('UPDATE dead_letters SET redrive_requested_at = now() WHERE id = $1::bigint', [id]);
      return;
    }
    // Publish first: a crash in between leaves the letter to be redriven twice, never lost.
    await republish(letter.message);
    await db.query('DELETE FROM dead_letters WHERE id = $1::bigint', [id]);
  };
  const redriveEach = async (ids: string[]) => {
    for (const id of ids) await redrive(id);
    return ids.length;
  };
  return {
    async add(letter) {
      await db.query(
        `INSERT INTO dead_letters (log_name, group_name, message_key, value, headers, reason, error_code, attempts, source, first_failed_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)`,
        [
          log,
          letter.group,
          letter.message.key,
          letter.message.value,
          JSON.stringify(letter.message.headers),
          letter.reason,
          letter.errorCode ?? null,
          letter.attempts,
          letter.source,
          letter.firstFailedAt.toISOString(),
        ],
      );
    },
    list: async () => (await db.query<Row>(`${select} ORDER BY id`, [log])).map(toDeadLetter),
    redrive,
    redriveAll: async () => redriveEach((await db.query<Row>(`${select} ORDER BY id`, [log])).map((r) => String(r.id))),
    async redriveRequested() {
      if (!republish) return 0;
      const rows = await db.query<Row>(`${select} AND redrive_requested_at IS NOT NULL ORDER BY id`, [log]);
      return redriveEach(rows.map((r) => String(r.id)));
    },
  };
}

/**
 * Erasure: deletes the dead letters, of every log kept in this database, whose message concerns
 * the customer (the caller opens the sealed message and decides). Returns how many went.
 */
export async function purgeSqlDeadLetters(
  db: SqlDatabase,
  concerns: (message: LogMessage) => boolean,
): Promise<number> {
  const rows = await db.query<Pick<Row, 'id' | 'message_key' | 'value' | 'headers'>>(
    'SELECT id, message_key, value, headers FROM dead_letters',
  );
  const doomed = rows
    .filter((r) => concerns({ key: r.message_key, value: Buffer.from(r.value), headers: r.headers }))
    .map((r) => String(r.id));
  if (doomed.length === 0) return 0;
  await db.query('DELETE FROM dead_letters WHERE id = ANY($1::bigint[])', [doomed]);
  return doomed.length;
}

/** How many dead letters log `log` has in this database (metrics). */
export async function countSqlDeadLetters(db: SqlDatabase, log: string): Promise<number> {
  const [row] = await db.query<{ count: string }>(
    'SELECT count(*)::text AS count FROM dead_letters WHERE log_name = $1',
    [log],
  );
  return Number(row?.count ?? 0);
}
