// The analytics read models: facts, one row each, with their dimensions, the business instant they
// happened at and `recorded_at` (when the event was recorded: `recorded_at <= asOf` is the metric as
// it stood then). Aggregation happens at query time. Every range read has an index on the instant.

export const analyticsSchema = `
CREATE SCHEMA IF NOT EXISTS analytics;

-- Folding state, one row per conversation (analytics-conversations).
CREATE TABLE IF NOT EXISTS analytics.conversation_state (
  conversation_id text PRIMARY KEY,
  revision integer NOT NULL,
  state jsonb NOT NULL
);

-- The business calendars and SLA policies as saved so far (one row), for business seconds.
CREATE TABLE IF NOT EXISTS analytics.service_level_settings (
  id text PRIMARY KEY,
  position text NOT NULL,
  settings jsonb NOT NULL
);

-- Every message of every conversation: the interaction volumes.
CREATE TABLE IF NOT EXISTS analytics.messages (
  conversation_id text NOT NULL,
  revision integer NOT NULL,
  interaction_id text NOT NULL,
  direction text NOT NULL,
  author text NOT NULL,
  channel text NOT NULL,
  inbox_id text NOT NULL,
  team_id text,
  agent_id text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, revision)
);
CREATE INDEX IF NOT EXISTS messages_occurred_at ON analytics.messages (occurred_at);

-- First and next responses: a customer's wait and the outbound message that ended it.
CREATE TABLE IF NOT EXISTS analytics.responses (
  conversation_id text NOT NULL,
  revision integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('first', 'next')),
  channel text NOT NULL,
  inbox_id text NOT NULL,
  team_id text,
  agent_id text,
  waiting_since timestamptz NOT NULL,
  responded_at timestamptz NOT NULL,
  calendar_seconds double precision NOT NULL,
  business_seconds double precision,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, revision)
);
CREATE INDEX IF NOT EXISTS responses_responded_at ON analytics.responses (kind, responded_at);

-- Resolutions: one per episode (opened or reopened -> resolved).
CREATE TABLE IF NOT EXISTS analytics.resolutions (
  conversation_id text NOT NULL,
  revision integer NOT NULL,
  channel text NOT NULL,
  inbox_id text NOT NULL,
  team_id text,
  agent_id text,
  episode_started_at timestamptz NOT NULL,
  resolved_at timestamptz NOT NULL,
  reopened boolean NOT NULL,
  calendar_seconds double precision NOT NULL,
  business_seconds double precision,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, revision)
);
CREATE INDEX IF NOT EXISTS resolutions_resolved_at ON analytics.resolutions (resolved_at);

-- SLA targets decided: met (answered or resolved in time) or breached (SlaBreached, or late).
CREATE TABLE IF NOT EXISTS analytics.sla_outcomes (
  conversation_id text NOT NULL,
  target text NOT NULL,
  target_started_at timestamptz NOT NULL,
  policy_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('met', 'breached')),
  channel text NOT NULL,
  inbox_id text NOT NULL,
  team_id text,
  agent_id text,
  decided_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, target, target_started_at)
);
CREATE INDEX IF NOT EXISTS sla_outcomes_decided_at ON analytics.sla_outcomes (decided_at);

-- CSAT: one row per request, its rating once given.
CREATE TABLE IF NOT EXISTS analytics.csat (
  conversation_id text NOT NULL,
  revision integer NOT NULL,
  channel text NOT NULL,
  inbox_id text NOT NULL,
  team_id text,
  agent_id text,
  requested_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  rating smallint,
  rated_at timestamptz,
  rating_recorded_at timestamptz,
  PRIMARY KEY (conversation_id, revision)
);
CREATE INDEX IF NOT EXISTS csat_requested_at ON analytics.csat (requested_at);

-- The customers' own contacts (inbound interactions), for channel preference and switching.
CREATE TABLE IF NOT EXISTS analytics.customer_contacts (
  interaction_id text PRIMARY KEY,
  customer_id text,
  channel text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS customer_contacts_occurred_at ON analytics.customer_contacts (occurred_at);
CREATE INDEX IF NOT EXISTS customer_contacts_customer ON analytics.customer_contacts (customer_id, occurred_at);

-- Which customer was merged into which, and when it was undone: resolved at query time.
CREATE TABLE IF NOT EXISTS analytics.customer_merges (
  merged_id text NOT NULL,
  survivor_id text NOT NULL,
  merged_at timestamptz NOT NULL,
  unmerged_at timestamptz,
  PRIMARY KEY (merged_id, merged_at)
);
CREATE INDEX IF NOT EXISTS customer_merges_survivor ON analytics.customer_merges (survivor_id);

-- Social comments and messages, per network and topic (page, post).
CREATE TABLE IF NOT EXISTS analytics.social_interactions (
  interaction_id text PRIMARY KEY,
  customer_id text,
  network text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('comment', 'message', 'unknown')),
  direction text NOT NULL,
  page_id text,
  post_id text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS social_interactions_occurred_at ON analytics.social_interactions (occurred_at);
CREATE INDEX IF NOT EXISTS social_interactions_customer ON analytics.social_interactions (customer_id);
`;
