import type { Migration } from '@hub/sql';
import { customerSearchSchema } from './customer-search.schema.ts';
import { timelineSchema } from './timeline.schema.ts';

/** The agents' read models; the composition root runs them with `runMigrations`. */
export const timelineMigrations: readonly Migration[] = [
  { id: 'timeline/0001-read-models', sql: timelineSchema },
  // Existing customers are searchable after `pnpm projections:rebuild timeline` (README).
  { id: 'timeline/0002-customer-search', sql: customerSearchSchema },
];
