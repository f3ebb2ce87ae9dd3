export { textOfHtml } from './html-text.ts';
export { messageSearchMigrations } from './message-search.migrations.ts';
export {
  applyMessageSearchEvent,
  applyMessageSearchPage,
  type IndexedMessage,
  indexedMessageOf,
  MESSAGE_SEARCH_PROJECTION,
  messageSearchProjection,
  messageSearchReadModel,
} from './message-search.projection.ts';
export { purgeCustomerMessages } from './message-search.purge.ts';
export {
  type MessageHit,
  type MessageSearchCursor,
  type MessageSearchFilter,
  searchMessages,
} from './message-search.queries.ts';
export { escapeHtml, highlightSnippet, plainSnippet } from './message-snippet.ts';
export {
  type MessageQuery,
  type MessageWord,
  messageQueryOf,
  PREFIX_MIN_LENGTH,
  tsqueryOf,
  wordsOf,
} from './message-words.ts';
