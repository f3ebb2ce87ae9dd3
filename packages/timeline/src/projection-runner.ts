import type { EventFilter, EventStore, Subscription } from '@hub/event-store';
import { formatPosition, parsePosition, type RecordedEvent } from '@hub/events';
import type { Logger } from '@hub/logger';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';

export interface ProjectionDefinition {
  readonly name: string;
  readonly filter?: EventFilter;
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
}

export interface RunningProjection {
  /** Resolves once the projection has applied everything committed when it was called. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a projection from its stored checkpoint: each event's rows and the new checkpoint are
 * written in one transaction, so a crash anywhere replays from a consistent point and no event
 * is applied twice or skipped.
 */
export async function runProjection(
  deps: { db: SqlDatabase; store: EventStore; logger: Logger },
  projection: ProjectionDefinition,
): Promise<RunningProjection> {
  const log = deps.logger.child({ component: 'projection', projection: projection.name });
  const [row] = await deps.db.query<{ position: string }>(
    'SELECT position FROM read_models.checkpoints WHERE projection = $1',
    [projection.name],
  );
  let applied = 0;
  let waiters: (() => void)[] = [];
  const subscription: Subscription = deps.store.subscribeToAll({
    from: row ? parsePosition(row.position) : 'start',
    ...(projection.filter ? { filter: projection.filter } : {}),
    onEvent: async (event) => {
      await deps.db.transaction(async (tx) => {
        await projection.apply(tx, event);
        await tx.query(
          `INSERT INTO read_models.checkpoints (projection, position, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
          [projection.name, formatPosition(event.position)],
        );
      });
      if (++applied % 10_000 === 0) log.info({ applied, position: formatPosition(event.position) }, 'projecting');
    },
    onCaughtUp: () => {
      const waking = waiters;
      waiters = [];
      for (const wake of waking) wake();
    },
    onError: (error) => log.error({ err: error }, 'projection stopped; it resumes from its checkpoint on restart'),
  });
  log.info({ from: row?.position ?? 'start' }, 'projection started');
  return {
    // Two signals: the read behind the first may have started before this call; the second's did not.
    caughtUp: () =>
      new Promise((resolve) => {
        waiters.push(() => waiters.push(resolve));
      }),
    stop: () => subscription.stop(),
  };
}
