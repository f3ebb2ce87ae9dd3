// The cases read model: one row per case (lists and look-ups by number) and its history in order.
// Rebuilt from the case streams at will.
export const casesSchema = `
CREATE SCHEMA IF NOT EXISTS read_models;

CREATE TABLE IF NOT EXISTS read_models.cases (
  case_id          text PRIMARY KEY,
  case_number      text NOT NULL,
  kind             text NOT NULL,
  status           text NOT NULL,
  customer_id      text NOT NULL,
  owner_id         text,
  subject          text NOT NULL,
  description      text,
  order_reference  text,
  conversation_ids text[] NOT NULL DEFAULT '{}',
  opened_at        timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  -- The stream revision this row shows: agents send it back as the revision they saw.
  revision         integer NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS cases_number_idx ON read_models.cases (case_number);
CREATE INDEX IF NOT EXISTS cases_status_idx ON read_models.cases (status, updated_at DESC, case_id DESC);
CREATE INDEX IF NOT EXISTS cases_owner_idx ON read_models.cases (owner_id, updated_at DESC, case_id DESC);
CREATE INDEX IF NOT EXISTS cases_customer_idx ON read_models.cases (customer_id, updated_at DESC, case_id DESC);
CREATE INDEX IF NOT EXISTS cases_conversations_idx ON read_models.cases USING gin (conversation_ids);

CREATE TABLE IF NOT EXISTS read_models.case_items (
  case_id  text NOT NULL,
  revision integer NOT NULL,
  kind     text NOT NULL,
  actor    jsonb NOT NULL,
  at       timestamptz NOT NULL,
  data     jsonb NOT NULL,
  PRIMARY KEY (case_id, revision)
);
`;
