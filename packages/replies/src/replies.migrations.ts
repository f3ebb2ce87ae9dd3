import type { Migration } from '@hub/sql';

/**
 * The outbox is a read model of the reply streams (the event store stays the truth): a row per
 * requested reply, claimed by a worker under a lease. `widget_held` keeps widget replies until
 * the visitor reconnects.
 */
export const replyMigrations: readonly Migration[] = [
  {
    id: 'replies/0001-outbox',
    sql: `
CREATE SCHEMA IF NOT EXISTS replies;
CREATE TABLE IF NOT EXISTS replies.outbox (
  reply_id    uuid PRIMARY KEY,
  channel     text NOT NULL,
  status      text NOT NULL DEFAULT 'queued',
  due_at      timestamptz NOT NULL,
  lease_until timestamptz,
  claimed_by  text,
  last_error  text
);
CREATE INDEX IF NOT EXISTS outbox_due ON replies.outbox (due_at) WHERE status = 'queued';
CREATE TABLE IF NOT EXISTS replies.checkpoint (
  name     text PRIMARY KEY,
  position text NOT NULL
);
CREATE TABLE IF NOT EXISTS replies.widget_held (
  reply_id     uuid PRIMARY KEY,
  visitor_id   text NOT NULL,
  text         text NOT NULL,
  held_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX IF NOT EXISTS widget_held_visitor ON replies.widget_held (visitor_id) WHERE delivered_at IS NULL;`,
  },
];
