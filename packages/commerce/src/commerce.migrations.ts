import type { Migration } from '@hub/sql';

// Money as numeric(19,4): the events' decimal strings, exact. Lines and adjustments repeat the
// order's customer, time and currency so analytics read one table without a join.
const commerceSchema = `
CREATE SCHEMA IF NOT EXISTS commerce;
CREATE TABLE IF NOT EXISTS commerce.products (
  product_id text PRIMARY KEY,
  name text NOT NULL,
  category text,
  revision bigint NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS commerce.orders (
  order_id text PRIMARY KEY,
  customer_id text NOT NULL,
  placed_at timestamptz NOT NULL,
  currency text NOT NULL,
  total numeric(19,4) NOT NULL,
  line_count integer NOT NULL,
  source text NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_customer_idx ON commerce.orders (customer_id, placed_at);
CREATE INDEX IF NOT EXISTS orders_placed_idx ON commerce.orders (placed_at, order_id);
CREATE TABLE IF NOT EXISTS commerce.order_lines (
  order_id text NOT NULL,
  line integer NOT NULL,
  customer_id text NOT NULL,
  placed_at timestamptz NOT NULL,
  currency text NOT NULL,
  product_id text NOT NULL,
  quantity integer NOT NULL,
  unit_amount numeric(19,4) NOT NULL,
  amount numeric(19,4) NOT NULL,
  PRIMARY KEY (order_id, line)
);
CREATE INDEX IF NOT EXISTS order_lines_product_idx ON commerce.order_lines (product_id, placed_at);
CREATE INDEX IF NOT EXISTS order_lines_customer_idx ON commerce.order_lines (customer_id, placed_at);
CREATE TABLE IF NOT EXISTS commerce.order_adjustments (
  order_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('return', 'refund')),
  adjustment_id text NOT NULL,
  customer_id text NOT NULL,
  currency text NOT NULL,
  at timestamptz NOT NULL,
  amount numeric(19,4) NOT NULL,
  lines jsonb NOT NULL,
  PRIMARY KEY (order_id, kind, adjustment_id)
);
CREATE INDEX IF NOT EXISTS order_adjustments_customer_idx ON commerce.order_adjustments (customer_id, at);`;

/** The commerce read model; the composition root runs them with `runMigrations`. */
export const commerceMigrations: readonly Migration[] = [{ id: 'commerce/0001-commerce', sql: commerceSchema }];
