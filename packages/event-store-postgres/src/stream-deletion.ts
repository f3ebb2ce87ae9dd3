import { acceptsRevision, type DeleteStreamOptions, streamDeleted, wrongExpectedRevision } from '@hub/event-store';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';

interface StreamRow {
  last_revision: string;
  tombstoned: boolean;
}

/** Before events are removed, the stream row takes over counting revisions from them. */
const recordLastRevision = (tx: SqlExecutor, streamId: string) =>
  tx.query(
    `INSERT INTO event_store.streams AS s (stream_id, last_revision)
     VALUES ($1, coalesce((SELECT max(stream_revision) FROM event_store.events WHERE stream_id = $1), -1))
     ON CONFLICT (stream_id) DO UPDATE SET last_revision = greatest(s.last_revision, EXCLUDED.last_revision)`,
    [streamId],
  );

/** The same lock `event_store.append` takes (see schema.sql.ts for why it is advisory). */
const lockStream = (tx: SqlExecutor, streamId: string) =>
  tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);

// Rows are removed, not hidden: a truncated or deleted event has no reader left to need it, and
// erasure wants the bytes gone. The stream row stays so revisions keep counting from where they were.

export const truncateStream = (db: SqlDatabase, streamId: string, beforeRevision: number) =>
  db.transaction(async (tx) => {
    await lockStream(tx, streamId);
    await recordLastRevision(tx, streamId);
    await tx.query(
      'UPDATE event_store.streams SET truncate_before = greatest(truncate_before, $2) WHERE stream_id = $1',
      [streamId, beforeRevision],
    );
    await tx.query('DELETE FROM event_store.events WHERE stream_id = $1 AND stream_revision < $2', [
      streamId,
      beforeRevision,
    ]);
  });

export const deleteStream = (
  db: SqlDatabase,
  streamId: string,
  { expectedRevision = 'any', permanent = false }: DeleteStreamOptions,
) =>
  db.transaction(async (tx) => {
    await lockStream(tx, streamId);
    await recordLastRevision(tx, streamId);
    const [stream] = await tx.query<StreamRow>(
      'SELECT last_revision::text AS last_revision, tombstoned FROM event_store.streams WHERE stream_id = $1',
      [streamId],
    );
    const lastRevision = Number(stream?.last_revision ?? -1);
    if (stream?.tombstoned) throw streamDeleted(streamId);
    if (!acceptsRevision(expectedRevision, lastRevision)) {
      throw wrongExpectedRevision(streamId, expectedRevision, lastRevision < 0 ? null : lastRevision);
    }
    await tx.query(
      'UPDATE event_store.streams SET truncate_before = last_revision + 1, tombstoned = $2 WHERE stream_id = $1',
      [streamId, permanent],
    );
    await tx.query('DELETE FROM event_store.events WHERE stream_id = $1', [streamId]);
  });
