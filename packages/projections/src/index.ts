export { projectionMigrations } from './checkpoints.migrations.ts';
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
export {
  type RebuildDependencies,
  type RebuildProgress,
  type RebuildResult,
  type RebuildSettings,
  rebuildProjection,
} from './rebuild.ts';
