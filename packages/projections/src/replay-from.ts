import { comparePositions, type GlobalPosition, type RecordedEvent } from '@hub/events';
import type { SqlDatabase } from '@hub/sql';
import { checkpointOf } from './checkpoint-of.ts';
import type { ProjectionDefinition } from './projection-runner.ts';
import { projectionLockKey, shadowSchemaOf } from './read-model.ts';

/** Why a projection cannot be replayed from a date; the CLI and the API say it as it is. */
export function replayFromRefusal(projection: ProjectionDefinition): string | undefined {
  return projection.replayFrom
    ? undefined
    : `${projection.name} cannot be replayed from a date: its rows are not facts keyed by time (its definition has no replayFrom hook); replay it whole`;
}

/**
 * The shadow tables start as the live rows made by events before `from`: every live row is
 * copied, then the projection's hook deletes those of events at or after `from`. Done under the
 * projection's lock, so the rows and the checkpoint they stand at match: returned, it is where
 * the replay must apply every event after, whatever its date (events recorded meanwhile), with
 * the instant from which the hook deleted rows.
 */
export async function copyLiveRowsBefore(
  db: SqlDatabase,
  projection: ProjectionDefinition,
  from: Date,
): Promise<{ readonly copiedAt: GlobalPosition; readonly from: Date }> {
  const refusal = replayFromRefusal(projection);
  if (refusal || !projection.replayFrom) throw new Error(refusal);
  const { schema, tables } = projection.readModel;
  const shadow = shadowSchemaOf(schema);
  return db.transaction(async (tx) => {
    // Exclusive: no live page commits while its rows are copied, so they are exactly at the checkpoint.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [projectionLockKey(projection.name)]);
    const checkpoint = await checkpointOf(tx, projection.name);
    if (!checkpoint)
      throw new Error(`${projection.name} has no live rows to keep (it never ran): replay it whole, without a date`);
    for (const table of tables) {
      // Generated columns compute themselves; identity columns keep their values.
      const columns = await tx.query<{ name: string }>(
        `SELECT quote_ident(attname) AS name FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
          ORDER BY attnum`,
        [`${schema}.${table}`],
      );
      const list = columns.map((column) => column.name).join(', ');
      await tx.query(
        `INSERT INTO ${shadow}.${table} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM ${schema}.${table}`,
      );
    }
    await tx.query("SELECT set_config('search_path', $1, true)", [shadow]);
    const deletedFrom = await projection.replayFrom?.(tx, from);
    // Rows of a coarser time go whole: their events are applied again from the start of the first.
    return { copiedAt: checkpoint, from: deletedFrom instanceof Date && deletedFrom < from ? deletedFrom : from };
  });
}

/** The events a replay from `from` applies: those at or after it, and all after the copied rows. */
export function replayedFrom(
  projection: ProjectionDefinition,
  { from, copiedAt }: { readonly from: Date; readonly copiedAt: GlobalPosition },
): (event: RecordedEvent) => boolean {
  const at = from.getTime();
  const timeOf =
    projection.replayFromTime === 'occurredAt'
      ? (event: RecordedEvent) => event.occurredAt.getTime()
      : (event: RecordedEvent) => event.recordedAt.getTime();
  return (event) => comparePositions(event.position, copiedAt) > 0 || timeOf(event) >= at;
}
