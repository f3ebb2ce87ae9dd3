import type { EventFilter, EventStore, ReadAllPage } from '@hub/event-store';
import { comparePositions, formatPosition, type GlobalPosition, parsePosition, type RecordedEvent } from '@hub/events';
import type { Logger } from '@hub/logger';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';
import {
  defaultRetryBackoff,
  errorCodeOf,
  type ProjectionLag,
  type ProjectionState,
  type ProjectionStatus,
  type RetryBackoff,
  retryDelayMs,
} from './projection-status.ts';
import { assertReadModelTables, projectionLockKey, type ReadModelTables } from './read-model.ts';
import { estimateReplay } from './replay-progress.ts';

export interface ProjectionDefinition {
  readonly name: string;
  readonly filter?: EventFilter;
  /** Its tables, which its handlers name unqualified: what a rebuild builds afresh and swaps in. */
  readonly readModel: ReadModelTables;
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
  /** Applies a whole page at once when given (fewer statements); must leave what `apply` would. */
  applyPage?(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void>;
  /**
   * A reactor, not a read model: `apply` does I/O beyond its tables (it appends events), so it
   * gets the database, not a transaction (an embedded PGlite has one connection: an append inside
   * the page's transaction would wait for it forever). Its writes must be idempotent and name
   * their tables qualified; the checkpoint commits after the page. It cannot be rebuilt. Its
   * `applyPage`, when given, gets the database and the whole page too.
   */
  readonly reactor?: boolean;
  /**
   * Its rows are facts keyed by time, so it can be replayed from a date (`rebuildProjection`'s
   * `from`): the shadow tables start as a copy of the live ones, this hook (search_path on the
   * shadow: name the tables unqualified) deletes the rows that events at or after `from` made, by
   * `replayFromTime`, and only those events are applied again. Rows of a coarser time (an hour,
   * a day) are deleted whole: the hook then returns the start of the first one it deleted (the
   * date rounded down), and events from there are applied. Without the hook, a replay from a
   * date is refused. See the README, "Replay from a date".
   */
  replayFrom?(tx: SqlExecutor, from: Date): Promise<Date | undefined | void>;
  /** Which of an event's times `replayFrom` keys rows by (`recordedAt` unless said). */
  readonly replayFromTime?: 'recordedAt' | 'occurredAt';
  /**
   * Its rows are keyed by customer: the events of different keys write different rows, and one
   * key's events only need each other. Then several workers may replay it at once, each applying
   * the events of the keys whose hash falls to its shard (`shardOf`). `undefined`: the event
   * touches no keyed row (it goes to shard 0). See the README, "Sharded replay".
   */
  shardKey?(event: RecordedEvent): string | undefined;
}

export interface RunningProjection {
  /** Resolves once the projection has applied everything committed when it was called. */
  caughtUp(): Promise<void>;
  /** Where it is and whether it is failing; cheap, no I/O. */
  status(): ProjectionStatus;
  /** How far behind the store's head it is; one bounded read, cached for `lagCacheMs`. */
  lag(): Promise<ProjectionLag>;
  stop(): Promise<void>;
}

export interface ProjectionSettings {
  /** Events applied in one transaction, with one checkpoint write. */
  readonly batchSize?: number;
  /** How often an idle projection looks for new events. */
  readonly pollIntervalMs?: number;
  /** Waits between attempts at a failing page. */
  readonly retryBackoff?: RetryBackoff;
  /** `lag()` counts unprojected events up to this many, then reports "at least". */
  readonly lagCountCap?: number;
  readonly lagCacheMs?: number;
  /**
   * A catch-up (full pages back to back) of at least this many events ends with ANALYZE of the
   * projection's tables (10,000): a bulk fill must not leave the planner guessing. 0: never (an
   * operator's autovacuum analyses instead; `pnpm bench:search` measures the reads without it).
   */
  readonly analyzeAfterEvents?: number;
  /**
   * A filtered projection whose polls find nothing it reads, while other streams move on, keeps
   * where its reads got to in memory and writes it as its checkpoint at most this often (1000
   * ms), so a restart does not read all of that again either.
   */
  readonly skippedCheckpointMs?: number;
  /** A backfill (a first start over an existing store) logs its progress this often (5000 ms). */
  readonly progressIntervalMs?: number;
}

/**
 * Runs a projection from its stored checkpoint, a page of events at a time: the rows of a whole
 * page and the new checkpoint are written in one transaction, so a crash anywhere replays from a
 * consistent point and no event is applied twice or skipped, and a busy projection commits once
 * per page instead of once per event. Works on every store through `readAllPage`.
 *
 * A page that fails (a read-model constraint, a database outage) is retried from the checkpoint
 * with a capped backoff, for as long as it takes: the projection never skips an event to move on,
 * and reports itself `retrying` so health and metrics show it stalled instead of silent.
 */
export async function runProjection(
  deps: {
    db: SqlDatabase;
    store: EventStore;
    logger: Logger;
    /** Where `lag()` reads; the raw store spares opening sealed personal data just to count. */
    lagStore?: EventStore;
    now?: () => Date;
    /** Counts the events a backfill will read: its progress lines then give a total and an ETA. */
    countEvents?: (filter?: EventFilter) => Promise<number>;
  },
  projection: ProjectionDefinition,
  settings: ProjectionSettings = {},
): Promise<RunningProjection> {
  assertReadModelTables(projection.readModel);
  const log = deps.logger.child({ component: 'projection', projection: projection.name });
  const batchSize = settings.batchSize ?? 500;
  const pollIntervalMs = settings.pollIntervalMs ?? 20;
  const backoff = settings.retryBackoff ?? defaultRetryBackoff;
  const lagCountCap = settings.lagCountCap ?? 1000;
  const lagCacheMs = settings.lagCacheMs ?? 1000;
  const analyzeAfterEvents = settings.analyzeAfterEvents ?? 10_000;
  const skippedCheckpointMs = settings.skippedCheckpointMs ?? 1000;
  const now = deps.now ?? (() => new Date());
  const [row] = await deps.db.query<{ position: string }>(
    'SELECT position FROM read_models.checkpoints WHERE projection = $1',
    [projection.name],
  );
  let checkpoint: GlobalPosition | undefined = row ? parsePosition(row.position) : undefined;
  const backfill = row ? undefined : await startBackfill(deps, projection, log, settings.progressIntervalMs ?? 5000);
  // When the stored checkpoint was last written, for `skippedCheckpointMs`.
  let storedAt = Date.now();
  let applied = 0;
  let stopped = false;
  // Each idle round wakes these; a waiter registered mid-round waits for the next full round.
  let waiters: (() => void)[] = [];
  let wakeSleeper: (() => void) | undefined;
  let state: ProjectionState = 'running';
  let attempts = 0;
  let failingSince: Date | undefined;
  let lastErrorCode: string | undefined;
  let lagCache: { at: number; lag: Promise<ProjectionLag> } | undefined;
  // Events applied by full pages since the projection was last caught up.
  let caughtUpSince = 0;

  const writeCheckpoint = (executor: SqlExecutor, position: GlobalPosition) =>
    executor.query(
      `INSERT INTO read_models.checkpoints (projection, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [projection.name, formatPosition(position)],
    );
  const movedOn = (cursor: GlobalPosition | undefined): cursor is GlobalPosition =>
    cursor !== undefined && (!checkpoint || comparePositions(cursor, checkpoint) > 0);

  /**
   * Nothing this projection reads, but the read went past other streams' events: the next poll
   * starts after them. Written under the projection's lock, as a page is, so a rebuild's swap
   * never has it overwritten by an older position.
   */
  const skipTo = async (cursor: GlobalPosition) => {
    checkpoint = cursor;
    if (Date.now() - storedAt < skippedCheckpointMs) return;
    await deps.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [
        projectionLockKey(projection.name),
      ]);
      await writeCheckpoint(tx, cursor);
    });
    storedAt = Date.now();
  };

  const applyPage = async ({ events: page, cursor }: ReadAllPage) => {
    const last = page.at(-1);
    if (!last) {
      if (movedOn(cursor)) await skipTo(cursor);
      return;
    }
    // Past the page's last event when the read went past events of other streams (a short page).
    const through = movedOn(cursor) && comparePositions(cursor, last.position) > 0 ? cursor : last.position;
    if (projection.reactor) {
      if (projection.applyPage) await projection.applyPage(deps.db, page);
      else for (const event of page) await projection.apply(deps.db, event);
    }
    await deps.db.transaction(async (tx) => {
      // Read models are rebuilt from the events, and rows and checkpoint commit together: a crash
      // that loses the last commits replays them from the checkpoint before. So the commit need
      // not wait for its WAL flush, which on a busy disk is most of a page's time.
      // One round trip: the page's handlers see its own tables, and a rebuild's swap waits for it.
      await tx.query(
        `SELECT set_config('synchronous_commit', 'off', true), set_config('search_path', $1, true),
                pg_advisory_xact_lock_shared(hashtextextended($2, 0))`,
        [projection.readModel.schema, projectionLockKey(projection.name)],
      );
      if (projection.reactor) {
        // Applied above, outside the transaction; only the checkpoint moves here.
      } else if (projection.applyPage) await projection.applyPage(tx, page);
      else for (const event of page) await projection.apply(tx, event);
      await writeCheckpoint(tx, through);
    });
    checkpoint = through;
    storedAt = Date.now();
    if (attempts > 0) log.info({ attempts, position: formatPosition(last.position) }, 'projection recovered');
    attempts = 0;
    failingSince = undefined;
    lastErrorCode = undefined;
    const before = applied;
    applied += page.length;
    if (backfill && !backfill.done) backfill.progress(applied);
    else if (Math.floor(applied / 10_000) > Math.floor(before / 10_000)) {
      log.info({ applied, position: formatPosition(last.position) }, 'projecting');
    }
  };

  const readPage = (after: GlobalPosition | undefined) =>
    deps.store.readAllPage({
      ...(after ? { after } : {}),
      maxCount: batchSize,
      ...(projection.filter ? { filter: projection.filter } : {}),
    });
  // A full page means more is waiting: the next page is read while this one is applied, so a
  // projection catching up waits for one round trip per page, not two. What it reads ahead is
  // only applied after this page commits; the checkpoint still moves with the rows.
  let readAhead: Promise<ReadAllPage> | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeSleeper = resolve;
      setTimeout(resolve, ms);
    });
  const round = async () => {
    const read = await (readAhead ?? readPage(checkpoint));
    const page = read.events;
    readAhead = undefined;
    const last = page.at(-1);
    if (page.length === batchSize && last) {
      readAhead = readPage(last.position);
      // Awaited by the next round; until then a failure must not count as unhandled.
      readAhead.catch(() => undefined);
    }
    // Stays `retrying` until a page commits: a read that succeeds proves nothing yet.
    await applyPage(read);
    caughtUpSince += page.length;
    if (page.length < batchSize) {
      // Before the waiters hear of it: caught up includes statistics for what was just filled.
      if (analyzeAfterEvents > 0 && caughtUpSince >= analyzeAfterEvents)
        await analyzeReadModel(deps.db, projection, log);
      caughtUpSince = 0;
      if (backfill && !backfill.done) backfill.finish(applied);
      state = 'caught-up';
      const waking = waiters;
      waiters = [];
      for (const wake of waking) wake();
      await sleep(pollIntervalMs);
    } else state = 'running';
  };
  const loop = async () => {
    while (!stopped) {
      try {
        await round();
      } catch (error) {
        // What was read ahead belongs to the failed attempt: the retry reads again from the
        // checkpoint, which only moves when a page commits.
        const abandoned = readAhead;
        readAhead = undefined;
        await abandoned?.catch(() => undefined);
        attempts += 1;
        failingSince ??= now();
        lastErrorCode = errorCodeOf(error);
        state = 'retrying';
        const delayMs = retryDelayMs(attempts, backoff);
        log[attempts === 1 ? 'error' : 'warn'](
          {
            err: error,
            attempts,
            delayMs,
            code: lastErrorCode,
            from: checkpoint ? formatPosition(checkpoint) : 'start',
          },
          'projection page failed; retrying from its checkpoint',
        );
        if (!stopped) await sleep(delayMs);
      }
    }
    // Stopped while a page was being read ahead: let that read finish before the store closes.
    await readAhead?.catch(() => undefined);
  };
  const measureLag = async (): Promise<ProjectionLag> => {
    const behind = await (deps.lagStore ?? deps.store).readAll({
      ...(checkpoint ? { after: checkpoint } : {}),
      maxCount: lagCountCap + 1,
      ...(projection.filter ? { filter: projection.filter } : {}),
    });
    const oldest = behind[0];
    return {
      events: Math.min(behind.length, lagCountCap),
      atLeast: behind.length > lagCountCap,
      ...(oldest ? { oldestUnprojectedAt: oldest.recordedAt } : {}),
    };
  };
  const running = loop();
  log.info({ from: row?.position ?? 'start' }, 'projection started');
  return {
    // Two rounds: the read of the first may have started before this call; the second's did not.
    caughtUp: () =>
      new Promise((resolve) => {
        waiters.push(() => waiters.push(resolve));
      }),
    status: () => ({
      name: projection.name,
      state,
      checkpoint: checkpoint ? formatPosition(checkpoint) : undefined,
      attempts,
      ...(failingSince ? { failingSince } : {}),
      ...(lastErrorCode ? { lastErrorCode } : {}),
    }),
    lag() {
      const at = Date.now();
      if (!lagCache || at - lagCache.at >= lagCacheMs) {
        const lag = measureLag();
        // A failed measurement is not cached: the next caller asks the store again.
        lag.catch(() => {
          if (lagCache?.lag === lag) lagCache = undefined;
        });
        lagCache = { at, lag };
      }
      return lagCache.lag;
    },
    async stop() {
      stopped = true;
      wakeSleeper?.();
      await running;
    },
  };
}

/**
 * Statistics for the tables a catch-up filled (autovacuum may be off or slow to come): without
 * them the planner guesses from table sizes alone. A failure is logged, never retried as a page.
 */
async function analyzeReadModel(db: SqlDatabase, projection: ProjectionDefinition, log: Logger): Promise<void> {
  const { schema, tables } = projection.readModel;
  if (tables.length === 0) return;
  const started = Date.now();
  try {
    await db.query(`ANALYZE ${tables.map((table) => `${schema}.${table}`).join(', ')}`);
    log.info({ tables, ms: Date.now() - started }, 'caught up: read model analyzed');
  } catch (error) {
    log.warn({ err: error }, 'caught up: ANALYZE of the read model failed');
  }
}

interface Backfill {
  done: boolean;
  progress(events: number): void;
  finish(events: number): void;
}

/**
 * A projection without a checkpoint (one added in code, over a store that has history) fills
 * its tables from the start: say so, with events done / total, events per second and an ETA
 * every few seconds, as a rebuild does, so an operator sees a first start is busy, not stuck.
 */
async function startBackfill(
  deps: { countEvents?: (filter?: EventFilter) => Promise<number> },
  projection: ProjectionDefinition,
  log: Logger,
  intervalMs: number,
): Promise<Backfill> {
  const total = await deps.countEvents?.(projection.filter).catch(() => undefined);
  const startedAt = Date.now();
  let loggedAt = startedAt;
  const figures = (events: number) =>
    estimateReplay({ events, ...(total === undefined ? {} : { total }), elapsedMs: Date.now() - startedAt });
  if (total !== 0) log.info({ ...(total === undefined ? {} : { total }) }, 'backfill started: no checkpoint yet');
  const backfill: Backfill = {
    done: false,
    progress(events) {
      if (Date.now() - loggedAt < intervalMs) return;
      loggedAt = Date.now();
      log.info(figures(events), 'backfilling');
    },
    finish(events) {
      backfill.done = true;
      if (events > 0) log.info({ ...figures(events), durationMs: Date.now() - startedAt }, 'backfill done');
    },
  };
  return backfill;
}
