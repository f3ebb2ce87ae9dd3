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
  {
    // Trigrams of names and handles only: emails at one domain share most of their trigrams, so
    // every "contains" or "similar" search read the posting lists of all customers' addresses
    // (100 ms at 20,000 customers). Searches of emails and phones use the btree.
    id: 'timeline/0004-name-trigrams',
    sql: `CREATE INDEX IF NOT EXISTS customer_search_terms_name_trgm_idx
  ON read_models.customer_search_terms USING gin (term gin_trgm_ops) WITH (fastupdate = off)
  WHERE kind IN ('name', 'handle');
DROP INDEX IF EXISTS read_models.customer_search_terms_trgm_idx;`,
  },
  {
    // A word many customers share (a family name: 3,226 customers of 100,000 in `pnpm
    // bench:search`) is a prefix match of score 1 for each of them, ranked by customer id: with
    // the customer id in the index, the first page reads those of one kind in that order and
    // stops (it read all 3,226 rows, 2,805 heap pages, 7 ms). The index it replaces led with the
    // same columns, so every other search keeps its plan.
    id: 'timeline/0005-search-term-customers',
    sql: `CREATE INDEX IF NOT EXISTS customer_search_terms_term_kind_customer_idx
  ON read_models.customer_search_terms (term, kind, customer_id);
DROP INDEX IF EXISTS read_models.customer_search_terms_term_idx;`,
  },
  {
    // A profile's merge candidates are read from either side of a pair (the console shows them
    // both ways), and erasure purges either side: the candidate's side was a scan of every pair
    // (services/hub read-plans.int.test.ts).
    id: 'timeline/0006-merge-candidate-side',
    sql: `CREATE INDEX IF NOT EXISTS merge_candidates_candidate_idx ON read_models.merge_candidates (candidate_id);`,
  },
];
