import type { Migration } from '@hub/sql';

/**
 * The conversation linker's own index: which conversation each thread key (a message id, a chat,
 * a header-less email's subject) belongs to, kept as keyed hashes because keys name people.
 */
export const workspaceMigrations: readonly Migration[] = [
  {
    id: 'agent-workspace/0001-thread-index',
    sql: `
CREATE SCHEMA IF NOT EXISTS workspace;
CREATE TABLE IF NOT EXISTS workspace.thread_keys (
  key_hash        text NOT NULL,
  conversation_id text NOT NULL,
  PRIMARY KEY (key_hash, conversation_id)
);
CREATE INDEX IF NOT EXISTS thread_keys_conversation_idx ON workspace.thread_keys (conversation_id);
CREATE TABLE IF NOT EXISTS workspace.linked_conversations (
  conversation_id  text PRIMARY KEY,
  customer_id      text NOT NULL,
  channel          text NOT NULL,
  last_activity_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS linked_conversations_customer_idx
  ON workspace.linked_conversations (customer_id, last_activity_at DESC);`,
  },
];
