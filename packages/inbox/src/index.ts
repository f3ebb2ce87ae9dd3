export {
  applyConversationEvent,
  applyConversationPage,
  CONVERSATIONS_PROJECTION,
  conversationsProjection,
} from './conversations.projection.ts';
export { inboxMigrations } from './inbox.migrations.ts';
export {
  type ConversationItem,
  type ConversationView,
  conversationStatuses,
  findConversation,
  type InboxConversation,
  type InboxCounts,
  type InboxFilter,
  type InboxListItem,
  type InboxQuery,
  inboxCounts,
  listInbox,
  slaStates,
} from './inbox.queries.ts';
export { inboxSchema } from './inbox.schema.ts';
export {
  clearSlaClocks,
  conversationsDueForSlaCheck,
  markSlaClocksStale,
  type SlaCheckDue,
  type SlaClockColumns,
  slaClocksSettingsRevision,
  writeSlaClock,
} from './sla-check.queries.ts';
