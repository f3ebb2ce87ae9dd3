import type { SqlExecutor } from '@hub/sql';

export type ReplayState = 'running' | 'succeeded' | 'failed';

/** A replay as the CLI and the admin API report it. */
export interface ReplayView {
  readonly id: string;
  readonly projection: string;
  readonly state: ReplayState;
  /** A replay from a date: that date (ISO 8601). */
  readonly from: string | null;
  readonly shards: number;
  readonly events: number;
  readonly total: number | null;
  readonly eventsPerSecond: number;
  /** Seconds left at the rate so far, while running with a total. */
  readonly etaSeconds: number | null;
  /** Where the new tables were swapped in, once succeeded. */
  readonly checkpoint: string | null;
  readonly error: string | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

interface ReplayRow {
  replay_id: string;
  projection: string;
  state: ReplayState;
  from_date: Date | null;
  shards: number;
  events: string;
  total: string | null;
  events_per_second: number;
  checkpoint: string | null;
  error: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const columns = `replay_id::text AS replay_id, projection, state, from_date, shards, events::text AS events,
  total::text AS total, events_per_second, checkpoint, error, started_at, updated_at, finished_at`;

const toView = (row: ReplayRow): ReplayView => {
  const total = row.total === null ? null : Number(row.total);
  const events = Number(row.events);
  const running = row.state === 'running' && total !== null && row.events_per_second > 0;
  return {
    id: row.replay_id,
    projection: row.projection,
    state: row.state,
    from: row.from_date?.toISOString() ?? null,
    shards: row.shards,
    events,
    total,
    eventsPerSecond: row.events_per_second,
    etaSeconds: running ? Math.ceil(Math.max(total - events, 0) / row.events_per_second) : null,
    checkpoint: row.checkpoint,
    error: row.error,
    startedAt: row.started_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
};

export async function findReplay(db: SqlExecutor, id: string): Promise<ReplayView | undefined> {
  const [row] = await db.query<ReplayRow>(`SELECT ${columns} FROM read_models.replays WHERE replay_id = $1::uuid`, [
    id,
  ]);
  return row ? toView(row) : undefined;
}

/** Newest first, through `replays_newest`. */
export async function listReplays(db: SqlExecutor, limit: number): Promise<ReplayView[]> {
  const rows = await db.query<ReplayRow>(
    `SELECT ${columns} FROM read_models.replays ORDER BY started_at DESC, replay_id LIMIT $1`,
    [limit],
  );
  return rows.map(toView);
}

/**
 * Records a replay as running, unless one of the projection runs already (the partial unique
 * index): then nothing is written and `false` comes back. A running row whose progress stopped
 * more than `abandonedBefore` ago is a replay whose process died: it is marked failed first.
 */
export async function claimReplay(
  db: SqlExecutor,
  replay: { id: string; projection: string; from?: Date; shards: number; at: Date; abandonedBefore: Date },
): Promise<boolean> {
  await db.query(
    `UPDATE read_models.replays SET state = 'failed', finished_at = $3,
            error = 'abandoned: its process stopped reporting progress'
      WHERE projection = $1 AND state = 'running' AND updated_at < $2`,
    [replay.projection, replay.abandonedBefore, replay.at],
  );
  const claimed = await db.query(
    `INSERT INTO read_models.replays (replay_id, projection, state, from_date, shards, started_at, updated_at)
     VALUES ($1::uuid, $2, 'running', $3, $4, $5, $5)
     ON CONFLICT (projection) WHERE state = 'running' DO NOTHING RETURNING replay_id`,
    [replay.id, replay.projection, replay.from ?? null, replay.shards, replay.at],
  );
  return claimed.length === 1;
}

export async function recordReplayProgress(
  db: SqlExecutor,
  id: string,
  progress: { events: number; total?: number; eventsPerSecond: number; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE read_models.replays SET events = $2, total = $3, events_per_second = $4, updated_at = $5
      WHERE replay_id = $1::uuid AND state = 'running'`,
    [id, progress.events, progress.total ?? null, progress.eventsPerSecond, progress.at],
  );
}

export async function finishReplay(
  db: SqlExecutor,
  id: string,
  outcome: { state: 'succeeded' | 'failed'; at: Date; checkpoint?: string; error?: string; events?: number },
): Promise<void> {
  await db.query(
    `UPDATE read_models.replays SET state = $2, checkpoint = $3, error = $4, updated_at = $5, finished_at = $5,
            events = coalesce($6, events)
      WHERE replay_id = $1::uuid`,
    [id, outcome.state, outcome.checkpoint ?? null, outcome.error ?? null, outcome.at, outcome.events ?? null],
  );
}
