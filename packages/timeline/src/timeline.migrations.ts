import type { Migration } from '@hub/sql';
import { customerSearchSchema } from './customer-search.schema.ts';
import { timelineSchema } from './timeline.schema.ts';

/** The agents' read models; the composition root runs them with `runMigrations`. */
export const timelineMigrations: readonly Migration[] = [
  { id: 'timeline/0001-read-models', sql: timelineSchema },
  {
    // Who was merged into a customer (a customer's group: profile, cases, inbox): without it
    // every such read scanned all customers (services/hub read-plans.int.test.ts).
    id: 'timeline/0002-merged-into-index',
    sql: `CREATE INDEX IF NOT EXISTS customers_merged_into_idx
  ON read_models.customers (merged_into) WHERE merged_into IS NOT NULL;`,
  },
  // Existing customers are searchable after `pnpm projections:rebuild timeline` (README).
  { id: 'timeline/0003-customer-search', sql: customerSearchSchema },
];
