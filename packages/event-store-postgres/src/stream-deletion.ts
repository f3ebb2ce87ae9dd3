import { acceptsRevision, type DeleteStreamOptions, streamDeleted, wrongExpectedRevision } from '@hub/event-store';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';

interface StreamRow {
  last_revision: string;
  tombstoned: boolean;
}

/** The same lock `event_store.append` takes (see schema.sql.ts for why it is advisory). */
const lockStream = (tx: SqlExecutor, streamId: string) =>
  tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);

// Rows are removed, not hidden: a truncated or deleted event has no reader left to need it, and
// erasure wants the bytes gone. The stream row stays so revisions keep counting from where they were.

export const truncateStream = (db: SqlDatabase, streamId: string, beforeRevision: number) =>
  db.transaction(async (tx) => {
    await lockStream(tx, streamId);
    await tx.query(
      `INSERT INTO event_store.streams (stream_id, truncate_before) VALUES ($1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET truncate_before = greatest(streams.truncate_before, EXCLUDED.truncate_before)`,
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
    await tx.query('INSERT INTO event_store.streams (stream_id) VALUES ($1) ON CONFLICT DO NOTHING', [streamId]);
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
