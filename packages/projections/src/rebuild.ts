import type { EventFilter, EventStore, ReadAllPage } from '@hub/event-store';
import { comparePositions, formatPosition, type GlobalPosition, type RecordedEvent } from '@hub/events';
import type { Logger } from '@hub/logger';
import type { SqlDatabase } from '@hub/sql';
import { checkpointOf } from './checkpoint-of.ts';
import type { ProjectionDefinition } from './projection-runner.ts';
import { assertReadModelTables, projectionLockKey, shadowSchemaOf } from './read-model.ts';
import { copyLiveRowsBefore, replayedFrom, replayFromRefusal } from './replay-from.ts';
import { applyHandlers, applyShadowPage } from './shadow-pages.ts';
import { analyzeShadowTables, createShadowTables, indexShadowTables, swapInShadowTables } from './shadow-tables.ts';

export interface RebuildProgress {
  /**
   * Events read through so far: applied to the shadow tables or, replaying from a date, passed
   * over as older than it (or, sharded, the slowest worker's count).
   */
  readonly events: number;
  /** Events to rebuild from, when the caller can count them. */
  readonly total?: number;
  readonly position?: string;
}

export interface RebuildSettings {
  /** Events read and applied to the shadow in one transaction (5,000 unless given). */
  readonly batchSize?: number;
  /** At most one progress line this often. */
  readonly progressIntervalMs?: number;
  /** How often the swap may find the live projection moved on before the rebuild gives up. */
  readonly swapAttempts?: number;
  /** Told after each page the shadow commits, before the next one is applied. */
  readonly onPage?: (progress: RebuildProgress) => Promise<void> | void;
  /**
   * Replays only from this date: the live rows of older events are kept, the projection's
   * `replayFrom` hook deletes the rest, and only events at or after the date are applied again.
   * Refused for a projection without the hook.
   */
  readonly from?: Date;
  /**
   * Builds the shadow tables up to `target` in shard workers (`replayShard`, in other processes
   * or machines) and resolves once all of them are done; the rebuild then catches up the rest
   * alone and swaps. Only for a projection with a `shardKey`. `report` feeds the progress lines.
   */
  readonly shardedCatchUp?: (plan: {
    readonly target: string;
    readonly report: (events: number) => Promise<void>;
  }) => Promise<void>;
}

export interface RebuildResult {
  readonly projection: string;
  /** Events read through to build the new tables (see `RebuildProgress.events`). */
  readonly events: number;
  /** Of those, the ones applied here (fewer from a date; none of the shard workers' ones). */
  readonly applied: number;
  /** Where the new tables are, and where the projection goes on from. */
  readonly checkpoint: string | undefined;
  readonly durationMs: number;
  readonly eventsPerSecond: number;
}

export interface RebuildDependencies {
  readonly db: SqlDatabase;
  /** The store the live projection reads (the one that opens sealed personal data). */
  readonly store: EventStore;
  readonly logger: Logger;
  /** Counts the events a rebuild will read, for the progress lines; without it they give no total. */
  readonly countEvents?: (filter?: EventFilter) => Promise<number>;
  /** Milliseconds, for rates and the progress interval. */
  readonly clock?: () => number;
  /** The store's last position, where a sharded replay of a projection that never ran stops its workers. */
  readonly headPosition?: () => Promise<GlobalPosition | undefined>;
}

const upTo = (page: readonly RecordedEvent[], target: GlobalPosition | undefined) =>
  target ? page.filter((event) => comparePositions(event.position, target) <= 0) : page;

/**
 * Builds a projection's tables afresh from the start of the store, in shadow tables beside the
 * live ones, while the live projection goes on serving and projecting. Once the shadow has
 * reached the live projection's checkpoint, one transaction swaps the shadow tables in under the
 * live names, at exactly that checkpoint: the live projection (in this process or another) goes
 * on from where it was, now into the new tables, and readers see the old rows or the new ones,
 * never a half-built model. Use it after fixing a projection's handlers, or to check one.
 *
 * A projection that has never committed a page is rebuilt to the store's head, and its
 * checkpoint set there. A rebuild that dies leaves only shadow tables, dropped by the next one.
 * One rebuild of a projection at a time: a second one drops the first one's shadow tables.
 */
export async function rebuildProjection(
  deps: RebuildDependencies,
  projection: ProjectionDefinition,
  settings: RebuildSettings = {},
): Promise<RebuildResult> {
  const { readModel } = projection;
  if (projection.reactor)
    throw new Error(`${projection.name} reacts to events (it appends): it has no read model to rebuild`);
  assertReadModelTables(readModel);
  const from = settings.from;
  if (from) {
    const refusal = replayFromRefusal(projection);
    if (refusal) throw new Error(refusal);
    if (settings.shardedCatchUp) throw new Error('a replay from a date is not sharded: give one or the other');
  }
  if (settings.shardedCatchUp && !projection.shardKey)
    throw new Error(
      `${projection.name} is not keyed by customer (its definition has no shardKey): replay it unsharded`,
    );
  const clock = deps.clock ?? (() => Date.now());
  const batchSize = settings.batchSize ?? 5000;
  const progressIntervalMs = settings.progressIntervalMs ?? 5000;
  const swapAttempts = settings.swapAttempts ?? 50;
  const shadow = shadowSchemaOf(readModel.schema);
  const log = deps.logger.child({ component: 'projection-rebuild', projection: projection.name });
  const startedAt = clock();

  await createShadowTables(deps.db, readModel);
  // From a date: the live rows of older events, and the events to apply again.
  let selected = (page: readonly RecordedEvent[]): readonly RecordedEvent[] => page;
  if (from) {
    const keep = replayedFrom(projection, await copyLiveRowsBefore(deps.db, projection, from));
    selected = (page) => page.filter(keep);
  }
  const total = await deps.countEvents?.(projection.filter);
  log.info(
    {
      shadow,
      tables: readModel.tables,
      ...(total === undefined ? {} : { total }),
      ...(from ? { from: from.toISOString() } : {}),
    },
    'rebuild started',
  );

  let position: GlobalPosition | undefined;
  let events = 0;
  let applied = 0;
  let loggedAt = startedAt;
  const progress = (): RebuildProgress => ({
    events,
    ...(total === undefined ? {} : { total }),
    ...(position ? { position: formatPosition(position) } : {}),
  });
  const rate = (at: number) => Math.round((events * 1000) / Math.max(at - startedAt, 1));
  const reportProgress = async () => {
    const at = clock();
    if (at - loggedAt >= progressIntervalMs) {
      loggedAt = at;
      log.info({ ...progress(), eventsPerSecond: rate(at) }, 'rebuilding');
    }
    await settings.onPage?.(progress());
  };

  const readPage = (after: GlobalPosition | undefined) =>
    deps.store.readAllPage({
      ...(after ? { after } : {}),
      maxCount: batchSize,
      ...(projection.filter ? { filter: projection.filter } : {}),
    });
  const shadowPage = async (page: readonly RecordedEvent[]) => {
    const last = page.at(-1);
    if (!last) return;
    const due = selected(page);
    await applyShadowPage(deps.db, projection, due);
    position = last.position;
    events += page.length;
    applied += due.length;
    await reportProgress();
  };

  if (settings.shardedCatchUp) {
    // The workers build the shadow up to a position fixed now; the rest is caught up here.
    const target = (await checkpointOf(deps.db, projection.name)) ?? (await deps.headPosition?.());
    if (target) {
      await settings.shardedCatchUp({
        target: formatPosition(target),
        report: async (read) => {
          events = read;
          await reportProgress();
        },
      });
      position = target;
    }
  }

  /** Up to the live checkpoint as it stands page by page, holding nothing the live projection needs. */
  const catchUp = async () => {
    let readAhead: Promise<ReadAllPage> | undefined;
    try {
      for (;;) {
        const target = await checkpointOf(deps.db, projection.name);
        const { events: page } = await (readAhead ?? readPage(position));
        readAhead = undefined;
        const due = upTo(page, target);
        const reached = due.length < page.length || page.length < batchSize;
        const last = page.at(-1);
        // The next page is read while this one is applied, as the live projection does.
        if (!reached && last) {
          readAhead = readPage(last.position);
          readAhead.catch(() => undefined);
        }
        await shadowPage(due);
        if (reached) return;
      }
    } finally {
      await readAhead?.catch(() => undefined);
    }
  };

  for (let attempt = 1; ; attempt++) {
    await catchUp();
    if (attempt === 1) {
      await indexShadowTables(deps.db, readModel);
      await analyzeShadowTables(deps.db, readModel);
    }
    // What is left is read before the swap's transaction: on PGlite a store read waits for it.
    const { events: rest, cursor: restCursor } = await readPage(position);
    const swapped = await deps.db.transaction(async (tx) => {
      await tx.query("SELECT set_config('search_path', $1, true), pg_advisory_xact_lock(hashtextextended($2, 0))", [
        shadow,
        projectionLockKey(projection.name),
      ]);
      // No live page can commit now: the checkpoint stays where it is until the swap commits.
      const target = await checkpointOf(tx, projection.name);
      // Rebuilt to the head of a projection that had never run, which then started: swapped in
      // ahead of the live checkpoint, the new tables would get events a second time.
      if (target && position && comparePositions(position, target) > 0)
        throw new Error(`rebuild of ${projection.name}: its live projection started during the rebuild; run it again`);
      // How far the read went: a filtered projection's checkpoint may lie past its last event.
      const lastRead = restCursor ?? position;
      const covered = target
        ? lastRead !== undefined && comparePositions(target, lastRead) <= 0
        : rest.length < batchSize;
      if (!covered) return undefined;
      const due = upTo(rest, target);
      await applyHandlers(tx, projection, selected(due));
      const final = due.at(-1)?.position ?? position;
      if (!target && final) {
        await tx.query(
          `INSERT INTO read_models.checkpoints (projection, position, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
          [projection.name, formatPosition(final)],
        );
      }
      await swapInShadowTables(tx, readModel);
      return { final, read: due.length, applied: selected(due).length };
    });
    if (swapped) {
      position = swapped.final;
      events += swapped.read;
      applied += swapped.applied;
      break;
    }
    if (attempt >= swapAttempts)
      throw new Error(`rebuild of ${projection.name}: the live projection moved on at each of ${attempt} swaps`);
    log.debug({ attempt }, 'the live projection moved on before the swap; catching up again');
  }

  const durationMs = clock() - startedAt;
  const result: RebuildResult = {
    projection: projection.name,
    events,
    applied,
    checkpoint: position ? formatPosition(position) : undefined,
    durationMs,
    eventsPerSecond: rate(clock()),
  };
  const { projection: _named, ...done } = result;
  log.info({ ...done, ...(total === undefined ? {} : { total }) }, 'projection rebuilt and swapped in');
  return result;
}
