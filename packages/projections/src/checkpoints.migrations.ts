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

/** Where each projection has got to; run before the migrations of the projections' own tables. */
export const projectionMigrations: readonly Migration[] = [
  { id: 'projections/0001-checkpoints', sql: checkpointsSchema },
];
