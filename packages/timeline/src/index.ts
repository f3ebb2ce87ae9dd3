export { type ProjectionDefinition, type RunningProjection, runProjection } from './projection-runner.ts';
export {
  errorCodeOf,
  isStalled,
  type ProjectionLag,
  type ProjectionState,
  type ProjectionStatus,
  type RetryBackoff,
  retryDelayMs,
} from './projection-status.ts';
export { searchable } from './searchable-text.ts';
export { timelineMigrations } from './timeline.migrations.ts';
export { applyTimelinePage, timelineProjection } from './timeline.page.ts';
export { applyTimelineEvent, TIMELINE_PROJECTION, timelineEventTypes } from './timeline.projection.ts';
export {
  type CustomerView,
  findCustomer,
  lookupCustomer,
  searchCustomers,
  type TimelineCursor,
  type TimelineEntry,
  timelinePage,
} from './timeline.queries.ts';
export { timelineSchema } from './timeline.schema.ts';
