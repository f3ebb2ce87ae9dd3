export {
  type CustomerMatch,
  type CustomerSearch,
  type CustomerSearchPage,
  PHONE_TAIL_MIN_DIGITS,
  SIMILARITY_MIN_LENGTH,
  searchCustomers,
} from './customer-search.queries.ts';
export { searchable } from './searchable-text.ts';
export { timelineMigrations } from './timeline.migrations.ts';
export { applyTimelinePage, timelineProjection } from './timeline.page.ts';
export {
  applyTimelineEvent,
  TIMELINE_PROJECTION,
  timelineEventTypes,
  timelineReadModel,
} from './timeline.projection.ts';
export {
  type CustomerView,
  findCustomer,
  lookupCustomer,
  type TimelineCursor,
  type TimelineEntry,
  timelinePage,
} from './timeline.queries.ts';
export { timelineSchema } from './timeline.schema.ts';
export { timelineOwner } from './timeline-owner.ts';
