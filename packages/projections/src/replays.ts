import { randomUUID } from 'node:crypto';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import type { ProjectionDefinition } from './projection-runner.ts';
import { type RebuildDependencies, type RebuildProgress, type RebuildResult, rebuildProjection } from './rebuild.ts';
import { replayFromRefusal } from './replay-from.ts';
import { estimateReplay } from './replay-progress.ts';
import {
  claimReplay,
  findReplay,
  finishReplay,
  listReplays,
  type ReplayView,
  recordReplayProgress,
} from './replay-records.ts';
import { replayShard, type ShardReplayResult } from './replay-shard.ts';
import { planShards, recordShard, shardPlanOf, shardsSoFar } from './replay-shard-records.ts';
import type { ReplayShard } from './replay-shards.ts';

/** How a sharded replay's workers are started: child processes here, or people on other machines. */
export interface ShardLauncher {
  readonly count: number;
  /** Starts the workers (`Replays.runShard(replayId, …)` each); may resolve when they exit. */
  launch(plan: { readonly replayId: string; readonly target: string }): Promise<void> | void;
}

export interface ReplayRequest {
  readonly projection: string;
  readonly from?: Date;
  readonly shards?: ShardLauncher;
}

export interface Replays {
  /** Checks, records and starts a replay in the background; resolves with its record. */
  start(request: ReplayRequest): Promise<ReplayView>;
  /** The same, awaited to the end (the CLI); `onProgress` after every page. */
  run(
    request: ReplayRequest,
    onProgress?: (progress: RebuildProgress, replayId: string) => void,
  ): Promise<RebuildResult & { readonly id: string }>;
  /** One worker of a sharded replay that a coordinator started (any process, any machine). */
  runShard(replayId: string, shard: ReplayShard, onProgress?: (events: number) => void): Promise<ShardReplayResult>;
  find(id: string): Promise<ReplayView | undefined>;
  list(limit?: number): Promise<ReplayView[]>;
  /** Fails the replays running in the background at their next page, and waits for them. */
  stop(): Promise<void>;
}

export interface ReplaySettings {
  readonly batchSize?: number;
  /** Progress is written to the replay's record at most this often (1 s). */
  readonly recordEveryMs?: number;
  /** A running record without progress for this long belongs to a dead process (10 min). */
  readonly abandonedAfterMs?: number;
  /** How often a coordinator reads its shards' progress (1 s), and a worker waits for the plan. */
  readonly shardPollMs?: number;
  readonly progressIntervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Replays (rebuilds) of the hub's projections, recorded in `read_models.replays` so that any
 * process reports them and only one per projection runs at a time, wherever it was started.
 */
export function createReplays(
  deps: RebuildDependencies & {
    readonly projections: ReadonlyMap<string, ProjectionDefinition>;
    /** The store a projection reads, when not `store` for all (facts-only ones read it as stored). */
    readonly storeFor?: (projection: ProjectionDefinition) => EventStore;
    readonly now?: () => Date;
    readonly newId?: () => string;
  },
  settings: ReplaySettings = {},
): Replays {
  const now = deps.now ?? (() => new Date());
  const withStoreOf = (projection: ProjectionDefinition) => ({
    ...deps,
    store: deps.storeFor?.(projection) ?? deps.store,
  });
  const newId = deps.newId ?? randomUUID;
  const recordEveryMs = settings.recordEveryMs ?? 1000;
  const abandonedAfterMs = settings.abandonedAfterMs ?? 10 * 60_000;
  const shardPollMs = settings.shardPollMs ?? 1000;
  const background = new Set<Promise<unknown>>();
  let stopping = false;

  const definitionOf = (request: ReplayRequest): ProjectionDefinition => {
    const projection = deps.projections.get(request.projection);
    if (!projection)
      throw new HubError(
        'NOT_FOUND',
        `no projection named ${JSON.stringify(request.projection)}; known: ${[...deps.projections.keys()].join(', ')}`,
      );
    if (projection.reactor)
      throw new HubError(
        'INVALID_INPUT',
        `${projection.name} reacts to events (it appends): it has no read model to replay`,
      );
    const refusal = request.from ? replayFromRefusal(projection) : undefined;
    if (refusal) throw new HubError('INVALID_INPUT', refusal);
    if (request.shards && request.from)
      throw new HubError('INVALID_INPUT', 'a replay from a date is not sharded: give one or the other');
    if (request.shards && !projection.shardKey)
      throw new HubError('INVALID_INPUT', `${projection.name} is not keyed by customer: it cannot be sharded`);
    if (request.shards && deps.db.dialect === 'pglite')
      throw new HubError('INVALID_INPUT', 'a sharded replay needs PostgreSQL: the embedded database has one process');
    return projection;
  };

  const claim = async (request: ReplayRequest, projection: ProjectionDefinition) => {
    const id = newId();
    const at = now();
    const claimed = await claimReplay(deps.db, {
      id,
      projection: projection.name,
      ...(request.from ? { from: request.from } : {}),
      shards: request.shards?.count ?? 1,
      at,
      abandonedBefore: new Date(at.getTime() - abandonedAfterMs),
    });
    if (!claimed)
      throw new HubError('ALREADY_EXISTS', `a replay of ${projection.name} is running; wait for it to finish`, {
        projection: projection.name,
      });
    return id;
  };

  const execute = async (
    id: string,
    projection: ProjectionDefinition,
    request: ReplayRequest,
    onProgress?: (progress: RebuildProgress, replayId: string) => void,
  ): Promise<RebuildResult & { readonly id: string }> => {
    const startedAt = Date.now();
    let recordedAt = 0;
    const onPage = async (progress: RebuildProgress) => {
      if (stopping) throw new Error('the hub stopped: replay abandoned (run it again)');
      onProgress?.(progress, id);
      if (Date.now() - recordedAt < recordEveryMs) return;
      recordedAt = Date.now();
      const { eventsPerSecond } = estimateReplay({ events: progress.events, elapsedMs: Date.now() - startedAt });
      await recordReplayProgress(deps.db, id, {
        events: progress.events,
        ...(progress.total === undefined ? {} : { total: progress.total }),
        eventsPerSecond,
        at: now(),
      });
    };
    const shards = request.shards;
    try {
      const result = await rebuildProjection(withStoreOf(projection), projection, {
        onPage,
        ...(settings.batchSize ? { batchSize: settings.batchSize } : {}),
        ...(settings.progressIntervalMs ? { progressIntervalMs: settings.progressIntervalMs } : {}),
        ...(request.from ? { from: request.from } : {}),
        ...(shards
          ? { shardedCatchUp: (plan) => coordinateShards(id, shards, plan.target, (events) => plan.report(events)) }
          : {}),
      });
      await finishReplay(deps.db, id, {
        state: 'succeeded',
        at: now(),
        events: result.events,
        ...(result.checkpoint ? { checkpoint: result.checkpoint } : {}),
      });
      return { ...result, id };
    } catch (error) {
      await finishReplay(deps.db, id, {
        state: 'failed',
        at: now(),
        error: error instanceof Error ? error.message : String(error),
      }).catch(() => undefined);
      throw error;
    }
  };

  /** Until every worker is done; a worker that failed, or workers that exited unfinished, fail it. */
  const coordinateShards = async (
    id: string,
    shards: ShardLauncher,
    target: string,
    report: (events: number) => Promise<void>,
  ) => {
    await planShards(deps.db, id, target);
    let exited: { error?: unknown } | undefined;
    Promise.resolve()
      .then(() => shards.launch({ replayId: id, target }))
      .then(
        () => {
          exited = {};
        },
        (error: unknown) => {
          exited = { error };
        },
      );
    for (;;) {
      const seen = exited;
      const so = await shardsSoFar(deps.db, id, shards.count);
      if (so.failed) throw new Error(`shard ${so.failed.shard + 1}/${shards.count} failed: ${so.failed.error}`);
      await report(so.events);
      if (so.done === shards.count) return;
      if (seen) {
        const why = seen.error instanceof Error ? `: ${seen.error.message}` : '';
        throw new Error(`the shard workers stopped with ${so.done} of ${shards.count} done${why}`);
      }
      await sleep(shardPollMs);
    }
  };

  return {
    async start(request) {
      const projection = definitionOf(request);
      const id = await claim(request, projection);
      const running = execute(id, projection, request).catch((error: unknown) =>
        deps.logger.error({ err: error, replayId: id, projection: projection.name }, 'replay failed'),
      );
      background.add(running);
      void running.finally(() => background.delete(running));
      const view = await findReplay(deps.db, id);
      if (!view) throw new Error(`replay ${id} was not recorded`);
      return view;
    },
    async run(request, onProgress) {
      const projection = definitionOf(request);
      return execute(await claim(request, projection), projection, request, onProgress);
    },
    async runShard(replayId, shard, onProgress) {
      let plan = await shardPlanOf(deps.db, replayId);
      for (let waited = 0; !plan && waited < 60_000; waited += shardPollMs) {
        await sleep(shardPollMs);
        plan = await shardPlanOf(deps.db, replayId);
      }
      if (!plan) throw new Error(`no sharded replay ${replayId} is running (or its coordinator has not planned it)`);
      if (plan.shards !== shard.count)
        throw new Error(`replay ${replayId} has ${plan.shards} shards, not ${shard.count}`);
      const projection = deps.projections.get(plan.projection);
      if (!projection) throw new Error(`this process does not know the projection ${plan.projection}`);
      let recordedAt = 0;
      await recordShard(deps.db, replayId, shard.index, { state: 'running', events: 0, at: now() });
      try {
        const result = await replayShard(withStoreOf(projection), projection, {
          shard,
          target: plan.target,
          ...(settings.batchSize ? { batchSize: settings.batchSize } : {}),
          onPage: async (events) => {
            onProgress?.(events);
            if (Date.now() - recordedAt < recordEveryMs) return;
            recordedAt = Date.now();
            await recordShard(deps.db, replayId, shard.index, { state: 'running', events, at: now() });
          },
        });
        await recordShard(deps.db, replayId, shard.index, { state: 'done', events: result.events, at: now() });
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await recordShard(deps.db, replayId, shard.index, { state: 'failed', events: 0, error: message, at: now() });
        throw error;
      }
    },
    find: (id) => findReplay(deps.db, id),
    list: (limit = 50) => listReplays(deps.db, limit),
    async stop() {
      stopping = true;
      await Promise.allSettled([...background]);
    },
  };
}
