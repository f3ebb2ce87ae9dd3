export { projectionMigrations, replayMigrations } from './checkpoints.migrations.ts';
export { csvField, csvRecord } from './csv.ts';
export {
  type ExportFormat,
  eventCsvColumns,
  exportedEvent,
  formatHistory,
  type HistoryFilter,
  readHistory,
} from './history-export.ts';
export {
  type ProjectionDefinition,
  type ProjectionSettings,
  type RunningProjection,
  runProjection,
} from './projection-runner.ts';
export {
  errorCodeOf,
  isStalled,
  type ProjectionLag,
  type ProjectionState,
  type ProjectionStatus,
  type RetryBackoff,
  retryDelayMs,
} from './projection-status.ts';
export { type ReadModelTables, shadowSchemaOf, useReadModelSchema } from './read-model.ts';
export { formatRows, readModelRows } from './read-model-export.ts';
export {
  type RebuildDependencies,
  type RebuildProgress,
  type RebuildResult,
  type RebuildSettings,
  rebuildProjection,
} from './rebuild.ts';
export { replayFromRefusal } from './replay-from.ts';
export {
  describeProgress,
  estimateReplay,
  formatDuration,
  progressLine,
  type ReplayEstimate,
  type ReplayProgressSample,
  renderProgressBar,
} from './replay-progress.ts';
export type { ReplayState, ReplayView } from './replay-records.ts';
export { replayShard, type ShardReplayResult } from './replay-shard.ts';
export { parseShard, type ReplayShard, shardOf } from './replay-shards.ts';
export {
  createReplays,
  type ReplayRequest,
  type ReplaySettings,
  type Replays,
  type ShardLauncher,
} from './replays.ts';
