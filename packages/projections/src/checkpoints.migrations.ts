import type { Migration } from '@hub/sql';

// The table and its name predate this package (timeline/0001-read-models made it, and that text
// cannot change once applied): IF NOT EXISTS keeps every existing checkpoint where it is.
const checkpointsSchema = `
CREATE SCHEMA IF NOT EXISTS read_models;

CREATE TABLE IF NOT EXISTS read_models.checkpoints (
  projection text PRIMARY KEY,
  position   text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

// Replays (rebuilds) as the CLI and the admin API started them: one running per projection (the
// partial unique index), their progress written as they go (so any process can report it), and a
// sharded replay's workers, one row each.
const replaysSchema = `
CREATE TABLE IF NOT EXISTS read_models.replays (
  replay_id         uuid PRIMARY KEY,
  projection        text NOT NULL,
  state             text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  from_date         timestamptz,
  shards            integer NOT NULL DEFAULT 1,
  target            text,
  events            bigint NOT NULL DEFAULT 0,
  total             bigint,
  events_per_second integer NOT NULL DEFAULT 0,
  checkpoint        text,
  error             text,
  started_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  finished_at       timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS replays_one_running ON read_models.replays (projection) WHERE state = 'running';
CREATE INDEX IF NOT EXISTS replays_newest ON read_models.replays (started_at DESC, replay_id);
CREATE TABLE IF NOT EXISTS read_models.replay_shards (
  replay_id  uuid NOT NULL,
  shard      integer NOT NULL,
  state      text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  events     bigint NOT NULL DEFAULT 0,
  error      text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (replay_id, shard)
);`;

/** Where each projection has got to; run before the migrations of the projections' own tables. */
export const projectionMigrations: readonly Migration[] = [
  { id: 'projections/0001-checkpoints', sql: checkpointsSchema },
];

/** The replays' records (`createReplays`); after `projectionMigrations`. */
export const replayMigrations: readonly Migration[] = [{ id: 'projections/0002-replays', sql: replaysSchema }];
