// Who did what: one row per event that a user or a process of the hub caused, found by actor,
// conversation or customer, newest first. Rebuilt from the store at will.
export const auditTrailSchema = `
CREATE SCHEMA IF NOT EXISTS read_models;

CREATE TABLE IF NOT EXISTS read_models.audit_trail (
  commit_position  bigint NOT NULL,
  prepare_position bigint NOT NULL,
  stream_id        text NOT NULL,
  revision         integer NOT NULL,
  event_type       text NOT NULL,
  actor_kind       text NOT NULL CHECK (actor_kind IN ('user', 'system')),
  actor_id         text NOT NULL,
  conversation_id  text,
  customer_id      text,
  details          jsonb NOT NULL DEFAULT '{}',
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (commit_position, prepare_position)
);
CREATE INDEX IF NOT EXISTS audit_trail_by_actor
  ON read_models.audit_trail (actor_id, commit_position DESC, prepare_position DESC);
CREATE INDEX IF NOT EXISTS audit_trail_by_conversation
  ON read_models.audit_trail (conversation_id, commit_position DESC, prepare_position DESC)
  WHERE conversation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS audit_trail_by_customer
  ON read_models.audit_trail (customer_id, commit_position DESC, prepare_position DESC)
  WHERE customer_id IS NOT NULL;

-- The customer of each conversation, so a conversation's actions are found under its customer too.
CREATE TABLE IF NOT EXISTS read_models.audit_conversations (
  conversation_id text PRIMARY KEY,
  customer_id     text NOT NULL
);
`;
