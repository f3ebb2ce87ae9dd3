import type { RecordedEvent } from '@hub/events';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';
import type { ProjectionDefinition } from './projection-runner.ts';
import { shadowSchemaOf } from './read-model.ts';

/** The projection's handlers over a page, in the caller's transaction (its search_path set). */
export async function applyHandlers(
  tx: SqlExecutor,
  projection: ProjectionDefinition,
  page: readonly RecordedEvent[],
): Promise<void> {
  if (page.length === 0) return;
  if (projection.applyPage) await projection.applyPage(tx, page);
  else for (const event of page) await projection.apply(tx, event);
}

/** One page into the shadow tables, in its own transaction. */
export async function applyShadowPage(
  db: SqlDatabase,
  projection: ProjectionDefinition,
  page: readonly RecordedEvent[],
): Promise<void> {
  if (page.length === 0) return;
  await db.transaction(async (tx) => {
    // A rebuild that dies starts again from scratch: its commits need not wait for the disk.
    await tx.query("SELECT set_config('synchronous_commit', 'off', true), set_config('search_path', $1, true)", [
      shadowSchemaOf(projection.readModel.schema),
    ]);
    await applyHandlers(tx, projection, page);
  });
}
