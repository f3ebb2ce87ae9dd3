import type { SqlExecutor } from '@hub/sql';

/** The plan a sharded replay's workers read: which projection, up to where, in how many shards. */
export interface ShardPlan {
  readonly projection: string;
  readonly target: string;
  readonly shards: number;
}

export async function planShards(db: SqlExecutor, id: string, target: string): Promise<void> {
  await db.query('UPDATE read_models.replays SET target = $2 WHERE replay_id = $1::uuid', [id, target]);
}

/** The plan of a running sharded replay, once its coordinator fixed the target. */
export async function shardPlanOf(db: SqlExecutor, id: string): Promise<ShardPlan | undefined> {
  const [row] = await db.query<ShardPlan>(
    `SELECT projection, target, shards FROM read_models.replays
      WHERE replay_id = $1::uuid AND state = 'running' AND target IS NOT NULL`,
    [id],
  );
  return row;
}

export async function recordShard(
  db: SqlExecutor,
  id: string,
  shard: number,
  report: { state: 'running' | 'done' | 'failed'; events: number; error?: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO read_models.replay_shards (replay_id, shard, state, events, error, updated_at)
     VALUES ($1::uuid, $2, $3, $4, $5, $6)
     ON CONFLICT (replay_id, shard) DO UPDATE
        SET state = EXCLUDED.state, events = EXCLUDED.events, error = EXCLUDED.error, updated_at = EXCLUDED.updated_at`,
    [id, shard, report.state, report.events, report.error ?? null, report.at],
  );
}

export interface ShardsSoFar {
  readonly done: number;
  /** The slowest worker's events (0 until every shard reported). */
  readonly events: number;
  readonly failed?: { shard: number; error: string };
}

export async function shardsSoFar(db: SqlExecutor, id: string, shards: number): Promise<ShardsSoFar> {
  const rows = await db.query<{ shard: number; state: string; events: string; error: string | null }>(
    'SELECT shard, state, events::text AS events, error FROM read_models.replay_shards WHERE replay_id = $1::uuid',
    [id],
  );
  const failed = rows.find((row) => row.state === 'failed');
  return {
    done: rows.filter((row) => row.state === 'done').length,
    events: rows.length < shards ? 0 : Math.min(...rows.map((row) => Number(row.events))),
    ...(failed ? { failed: { shard: failed.shard, error: failed.error ?? 'failed' } } : {}),
  };
}
