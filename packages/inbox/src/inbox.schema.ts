// The agents' conversation read models: one row per conversation (the inbox), and its history in
// order (the conversation view). Rebuilt from the conversation streams at will.
export const inboxSchema = `
CREATE SCHEMA IF NOT EXISTS read_models;

CREATE TABLE IF NOT EXISTS read_models.conversations (
  conversation_id   text PRIMARY KEY,
  customer_id       text NOT NULL,
  inbox_id          text NOT NULL,
  channel           text NOT NULL,
  subject           text,
  status            text NOT NULL,
  snoozed_until     timestamptz,
  priority          text NOT NULL DEFAULT 'none',
  -- 0 urgent .. 4 none: sorts the most urgent first with a plain index.
  priority_rank     smallint NOT NULL DEFAULT 4,
  labels            text[] NOT NULL DEFAULT '{}',
  assignee_id       text,
  team_id           text,
  opened_at         timestamptz NOT NULL,
  last_activity_at  timestamptz NOT NULL,
  last_inbound_at   timestamptz,
  last_outbound_at  timestamptz,
  -- The oldest inbound message nobody has answered yet; null when the customer is not waiting.
  waiting_since     timestamptz,
  first_response_at timestamptz,
  message_count     integer NOT NULL DEFAULT 0,
  -- The stream revision this row shows: agents send it back as the revision they saw.
  revision          integer NOT NULL,
  sla_due_at        timestamptz,
  sla_state         text,
  csat_rating       smallint
);
CREATE INDEX IF NOT EXISTS conversations_status_activity_idx
  ON read_models.conversations (status, last_activity_at DESC, conversation_id DESC);
CREATE INDEX IF NOT EXISTS conversations_assignee_idx
  ON read_models.conversations (assignee_id, status, last_activity_at DESC, conversation_id DESC);
CREATE INDEX IF NOT EXISTS conversations_team_idx
  ON read_models.conversations (team_id, status, last_activity_at DESC, conversation_id DESC);
CREATE INDEX IF NOT EXISTS conversations_inbox_idx
  ON read_models.conversations (inbox_id, status, last_activity_at DESC, conversation_id DESC);
CREATE INDEX IF NOT EXISTS conversations_customer_idx
  ON read_models.conversations (customer_id, last_activity_at DESC);
CREATE INDEX IF NOT EXISTS conversations_sla_idx
  ON read_models.conversations (status, sla_due_at, conversation_id) WHERE sla_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS conversations_labels_idx ON read_models.conversations USING gin (labels);

CREATE TABLE IF NOT EXISTS read_models.conversation_items (
  conversation_id text NOT NULL,
  revision        integer NOT NULL,
  kind            text NOT NULL,
  interaction_id  text,
  actor           jsonb NOT NULL,
  at              timestamptz NOT NULL,
  data            jsonb NOT NULL,
  PRIMARY KEY (conversation_id, revision)
);
`;

// When the SLA checker must look at a conversation again: '-infinity' once an event changed what
// its clock depends on (the projection sets it), else the next due-soon or due instant (the
// checker sets it with sla_due_at, sla_state and sla_policy_id); null when nothing counts.
export const slaCheckSchema = `
ALTER TABLE read_models.conversations ADD COLUMN IF NOT EXISTS sla_check_at timestamptz;
ALTER TABLE read_models.conversations ADD COLUMN IF NOT EXISTS sla_policy_id text;
CREATE INDEX IF NOT EXISTS conversations_sla_check_idx
  ON read_models.conversations (sla_check_at) WHERE sla_check_at IS NOT NULL;
`;
