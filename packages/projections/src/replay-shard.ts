import type { EventStore } from '@hub/event-store';
import { comparePositions, parsePosition, type RecordedEvent } from '@hub/events';
import type { Logger } from '@hub/logger';
import type { SqlDatabase } from '@hub/sql';
import type { ProjectionDefinition } from './projection-runner.ts';
import { shadowSchemaOf } from './read-model.ts';
import { type ReplayShard, shardOf } from './replay-shards.ts';
import { applyShadowPage } from './shadow-pages.ts';

export interface ShardReplayResult {
  /** Events read through, up to the target. */
  readonly events: number;
  /** Of those, the ones of this shard's keys, applied. */
  readonly applied: number;
}

/**
 * One worker of a sharded replay: reads the store from the start up to `target` (the position the
 * coordinator fixed) and applies to the shadow tables, which the coordinator made, the events
 * whose `shardKey` hashes to `shard`. Workers write disjoint rows (the definition promises it), so
 * any number run at once, in any processes; the coordinator swaps once all are done.
 */
export async function replayShard(
  deps: { readonly db: SqlDatabase; readonly store: EventStore; readonly logger: Logger },
  projection: ProjectionDefinition,
  options: {
    readonly shard: ReplayShard;
    readonly target: string;
    readonly batchSize?: number;
    readonly onPage?: (events: number) => Promise<void> | void;
  },
): Promise<ShardReplayResult> {
  const keyOf = projection.shardKey?.bind(projection);
  if (!keyOf) throw new Error(`${projection.name} is not keyed by customer (its definition has no shardKey)`);
  const { index, count } = options.shard;
  const shadow = shadowSchemaOf(projection.readModel.schema);
  const [made] = await deps.db.query<{ missing: number }>(
    'SELECT count(*)::int AS missing FROM unnest($1::text[]) AS t(name) WHERE to_regclass(t.name) IS NULL',
    [projection.readModel.tables.map((table) => `${shadow}.${table}`)],
  );
  if (made?.missing) throw new Error(`${projection.name}: no shadow tables in ${shadow}; start the replay first`);
  const target = parsePosition(options.target);
  const batchSize = options.batchSize ?? 5000;
  const mine = (event: RecordedEvent) => shardOf(keyOf(event), count) === index;
  const log = deps.logger.child({
    component: 'replay-shard',
    projection: projection.name,
    shard: `${index + 1}/${count}`,
  });
  let after = undefined as RecordedEvent['position'] | undefined;
  let events = 0;
  let applied = 0;
  for (;;) {
    const { events: page } = await deps.store.readAllPage({
      ...(after ? { after } : {}),
      maxCount: batchSize,
      ...(projection.filter ? { filter: projection.filter } : {}),
    });
    const due = page.filter((event) => comparePositions(event.position, target) <= 0);
    const ours = due.filter(mine);
    await applyShadowPage(deps.db, projection, ours);
    events += due.length;
    applied += ours.length;
    after = due.at(-1)?.position ?? after;
    await options.onPage?.(events);
    if (due.length < page.length || page.length < batchSize) break;
  }
  log.info({ events, applied }, 'shard replayed');
  return { events, applied };
}
