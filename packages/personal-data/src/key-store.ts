import { randomBytes } from 'node:crypto';
import type { Migration, SqlDatabase } from '@hub/sql';

/**
 * One data key per customer, in a table of its own: erasing a customer deletes the key, and every
 * personal field sealed with it becomes unreadable in every copy of every event (crypto-shredding).
 */
export interface KeyStore {
  /** The customer's key, made on first use. */
  keyFor(customerId: string): Promise<Buffer>;
  /** The keys of several customers, made on first use; a batch of appends asks for them at once. */
  keysFor(customerIds: readonly string[]): Promise<Map<string, Buffer>>;
  /** The key, or `undefined` once destroyed (or never made). */
  find(customerId: string): Promise<Buffer | undefined>;
  /** The keys that exist of these customers (a destroyed or never made key is absent). */
  findAll(customerIds: readonly string[]): Promise<Map<string, Buffer>>;
  destroy(customerId: string): Promise<void>;
}

const keyStoreSchema = `
CREATE SCHEMA IF NOT EXISTS personal_data;
CREATE TABLE IF NOT EXISTS personal_data.customer_keys (
  customer_id text PRIMARY KEY,
  data_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS personal_data.erased_customers (
  customer_id text PRIMARY KEY,
  erased_at timestamptz NOT NULL DEFAULT now()
);`;

/** Run by the composition root with `runMigrations`; the store itself runs no DDL. */
export const keyStoreMigrations: readonly Migration[] = [{ id: 'key-store/0001-customer-keys', sql: keyStoreSchema }];

export interface KeyStoreSettings {
  /**
   * How long a key read from the table is used without reading it again. Keys are read for every
   * event a projection opens, so they are kept in memory; `destroy` drops the key from this
   * process's memory at once, and an erasure made by another process takes effect here within
   * this time (until then a writer here may still seal with the destroyed key: what it writes is
   * unreadable once the time is up).
   */
  readonly cacheTtlMs?: number;
}

/** Needs `keyStoreMigrations` applied. */
export function createSqlKeyStore(db: SqlDatabase, settings: KeyStoreSettings = {}): KeyStore {
  const ttlMs = settings.cacheTtlMs ?? 60_000;
  const cache = new Map<string, { readonly key: Buffer; readonly until: number }>();
  // Destroyed here: never cached again, even by a read that was under way when `destroy` ran.
  const destroyed = new Set<string>();
  let nextSweep = Date.now() + ttlMs;
  /** Expired keys leave memory too: a process keeps only the keys it used lately. */
  const sweep = (now: number) => {
    if (now < nextSweep) return;
    nextSweep = now + ttlMs;
    for (const [id, entry] of cache) if (entry.until <= now) cache.delete(id);
  };

  const findAll = async (customerIds: readonly string[]) => {
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    const now = Date.now();
    sweep(now);
    for (const id of new Set(customerIds)) {
      if (destroyed.has(id)) continue;
      const cached = cache.get(id);
      if (cached && cached.until > now) found.set(id, cached.key);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const rows = await db.query<{ customer_id: string; data_key: Buffer | Uint8Array }>(
      `SELECT customer_id, data_key FROM personal_data.customer_keys WHERE customer_id = ANY($1::text[])`,
      [missing],
    );
    for (const id of missing) cache.delete(id);
    for (const row of rows) {
      if (destroyed.has(row.customer_id)) continue;
      const key = Buffer.from(row.data_key);
      cache.set(row.customer_id, { key, until: now + ttlMs });
      found.set(row.customer_id, key);
    }
    return found;
  };

  const keysFor = async (customerIds: readonly string[]) => {
    const found = await findAll(customerIds);
    // Sorted, so two writers making keys for overlapping customers take the rows in one order.
    const missing = [...new Set(customerIds)].filter((id) => !found.has(id)).sort();
    if (missing.length === 0) return found;
    const erased = await db.query<{ customer_id: string }>(
      `SELECT customer_id FROM personal_data.erased_customers WHERE customer_id = ANY($1::text[])`,
      [missing],
    );
    if (erased[0]) {
      throw new Error(`customer ${erased[0].customer_id} was erased: no new personal data is kept for it`);
    }
    await db.query(
      `INSERT INTO personal_data.customer_keys (customer_id, data_key)
       SELECT x.customer_id, decode(x.data_key, 'base64')
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(customer_id, data_key, ord)
        ORDER BY x.ord
       ON CONFLICT DO NOTHING`,
      [missing, missing.map(() => randomBytes(32).toString('base64'))],
    );
    const made = await findAll(missing);
    for (const id of missing) {
      const key = made.get(id);
      if (!key) throw new Error(`no key could be made for customer ${id}`);
      found.set(id, key);
    }
    return found;
  };

  return {
    findAll,
    keysFor,
    find: async (customerId) => (await findAll([customerId])).get(customerId),
    async keyFor(customerId) {
      const key = (await keysFor([customerId])).get(customerId);
      if (!key) throw new Error(`no key could be made for customer ${customerId}`);
      return key;
    },
    async destroy(customerId) {
      destroyed.add(customerId);
      cache.delete(customerId);
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM personal_data.customer_keys WHERE customer_id = $1', [customerId]);
        await tx.query('INSERT INTO personal_data.erased_customers (customer_id) VALUES ($1) ON CONFLICT DO NOTHING', [
          customerId,
        ]);
      });
    },
  };
}
