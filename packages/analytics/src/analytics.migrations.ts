import type { Migration } from '@hub/sql';
import { analyticsSchema } from './analytics.schema.ts';

/** The analytics read models; the composition root runs them with `runMigrations`. */
export const analyticsMigrations: readonly Migration[] = [
  { id: 'analytics/0001-facts', sql: analyticsSchema },
  {
    // Edits and removals of comments are kept, not counted, so that an erasure (after which they
    // can no longer be told from new comments) leaves the rows a replay gives.
    id: 'analytics/0002-social-edits',
    sql: 'ALTER TABLE analytics.social_interactions ADD COLUMN IF NOT EXISTS counted boolean NOT NULL DEFAULT true',
  },
];
