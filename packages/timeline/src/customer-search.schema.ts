// Migration timeline/0003-customer-search: what customer search reads, filled by the timeline
// projection (search-text.sql.ts). Never edit once applied; a change is a new migration.
//
// One row per searchable term of a live customer (not merged away, not erased), folded in
// TypeScript by `searchable`. The btree answers exact and prefix matches (the C collation makes
// `term >= q AND term < q || U+10FFFF` a range on it); the trigram GIN answers "contains" and word
// similarity. pg_trgm ships with PostgreSQL's contrib and with PGlite (`openPGlite` loads it).
// fastupdate off: the projection's writes go into the index at once, so no search reads a pending
// list row by row (nor does the planner weigh one). The merged_into index finds the customers
// merged into a survivor, whose names it is found by.
export const customerSearchSchema = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE IF NOT EXISTS read_models.customer_search_terms (
  customer_id text NOT NULL,
  kind        text NOT NULL,
  term        text COLLATE "C" NOT NULL,
  PRIMARY KEY (customer_id, kind, term)
);
CREATE INDEX IF NOT EXISTS customer_search_terms_term_idx ON read_models.customer_search_terms (term, kind);
CREATE INDEX IF NOT EXISTS customer_search_terms_trgm_idx
  ON read_models.customer_search_terms USING gin (term gin_trgm_ops) WITH (fastupdate = off);

CREATE INDEX IF NOT EXISTS customers_merged_into_idx ON read_models.customers (merged_into)
  WHERE merged_into IS NOT NULL;

ALTER TABLE read_models.customers DROP COLUMN IF EXISTS search_text;`;
