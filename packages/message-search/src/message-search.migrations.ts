import type { Migration } from '@hub/sql';

// Interactions' subjects and text bodies with the folded words they are found by. The text is
// the customer's, in clear: everything here is purged when a customer is erased.
const messageSearchSchema = `
CREATE SCHEMA IF NOT EXISTS read_models;

CREATE TABLE IF NOT EXISTS read_models.message_search (
  interaction_id     text PRIMARY KEY,
  -- Who the message belongs to now: the survivor when its customer was merged.
  customer_id        text NOT NULL,
  -- Whose stream recorded it (whose key sealed its text); an unmerge gives it back.
  origin_customer_id text NOT NULL,
  channel            text NOT NULL,
  direction          text NOT NULL,
  occurred_at        timestamptz NOT NULL,
  conversation_id    text,
  subject            text NOT NULL,
  body               text NOT NULL,
  words              tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS message_search_words_idx ON read_models.message_search USING gin (words);
CREATE INDEX IF NOT EXISTS message_search_order_idx
  ON read_models.message_search (occurred_at DESC, interaction_id DESC);
CREATE INDEX IF NOT EXISTS message_search_customer_idx
  ON read_models.message_search (customer_id, occurred_at DESC, interaction_id DESC);
CREATE INDEX IF NOT EXISTS message_search_channel_idx
  ON read_models.message_search (channel, occurred_at DESC, interaction_id DESC);
CREATE INDEX IF NOT EXISTS message_search_origin_idx ON read_models.message_search (origin_customer_id);

CREATE TABLE IF NOT EXISTS read_models.message_search_merges (
  merged_id   text PRIMARY KEY,
  survivor_id text NOT NULL
);
CREATE INDEX IF NOT EXISTS message_search_merges_survivor_idx ON read_models.message_search_merges (survivor_id);`;

/** The message search index; the composition root runs it after `projectionMigrations`. */
export const messageSearchMigrations: readonly Migration[] = [
  { id: 'message-search/0001-messages', sql: messageSearchSchema },
  {
    // A message's row is written when its interaction is recorded and again when the linker files
    // it into a conversation. With full pages that second write moved the row to another page and
    // added it to every index again, its words to the GIN index among them (in `pnpm bench:agent`,
    // 2,458 of 310,390 such updates stayed in place). Room left in each page lets it stay there
    // (a heap-only update: no index is touched, conversation_id being in none).
    id: 'message-search/0002-room-for-filing',
    sql: 'ALTER TABLE read_models.message_search SET (fillfactor = 70);',
  },
];
