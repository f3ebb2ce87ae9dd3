// The agents' read models: customers, their identifiers, their unified timeline. Rebuilt from
// events at will; everything here is purged when a customer is erased.
// This text is migration timeline/0001-read-models and must never change once applied (its
// checksum is checked at start). The checkpoints table in it now belongs to @hub/projections,
// whose own migration makes it where this one has not; a change here is a new migration.
export const timelineSchema = `
CREATE SCHEMA IF NOT EXISTS read_models;

CREATE TABLE IF NOT EXISTS read_models.checkpoints (
  projection text PRIMARY KEY,
  position   text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS read_models.customers (
  customer_id         text PRIMARY KEY,
  display_name        text,
  first_channel       text,
  created_at          timestamptz NOT NULL,
  last_interaction_at timestamptz,
  interaction_count   integer NOT NULL DEFAULT 0,
  merged_into         text,
  erased_at           timestamptz,
  search_text         text NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS read_models.customer_identifiers (
  kind        text NOT NULL,
  value       text NOT NULL,
  customer_id text NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE INDEX IF NOT EXISTS customer_identifiers_customer_idx ON read_models.customer_identifiers (customer_id);

CREATE TABLE IF NOT EXISTS read_models.timeline (
  interaction_id  text PRIMARY KEY,
  customer_id     text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  channel         text NOT NULL,
  direction       text NOT NULL,
  conversation_id text NOT NULL,
  contact_kind    text NOT NULL,
  contact_value   text NOT NULL,
  summary         text NOT NULL,
  body_text       text NOT NULL,
  body_html       text,
  details         jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL,
  -- When the row became visible to agents: freshness is measured from acceptance to here.
  projected_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS timeline_customer_newest_idx
  ON read_models.timeline (customer_id, occurred_at DESC, interaction_id DESC);

CREATE TABLE IF NOT EXISTS read_models.merge_candidates (
  customer_id    text NOT NULL,
  candidate_id   text NOT NULL,
  interaction_id text NOT NULL,
  detected_at    timestamptz NOT NULL,
  PRIMARY KEY (customer_id, candidate_id, interaction_id)
);`;
