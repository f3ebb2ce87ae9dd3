import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '@hub/sql';

/**
 * One data key per customer, in a table of its own: erasing a customer deletes the key, and every
 * personal field sealed with it becomes unreadable in every copy of every event (crypto-shredding).
 */
export interface KeyStore {
  /** The customer's key, made on first use. */
  keyFor(customerId: string): Promise<Buffer>;
  /** The key, or `undefined` once destroyed (or never made). */
  find(customerId: string): Promise<Buffer | undefined>;
  destroy(customerId: string): Promise<void>;
}

export const keyStoreSchema = `
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

export async function createSqlKeyStore(db: SqlDatabase): Promise<KeyStore> {
  await db.exec(keyStoreSchema);
  // Keys are read for every event a projection decrypts: keep them in memory, drop on destroy.
  const cache = new Map<string, Buffer>();
  const find = async (customerId: string) => {
    const cached = cache.get(customerId);
    if (cached) return cached;
    const [row] = await db.query<{ data_key: Buffer | Uint8Array }>(
      'SELECT data_key FROM personal_data.customer_keys WHERE customer_id = $1',
      [customerId],
    );
    const key = row ? Buffer.from(row.data_key) : undefined;
    if (key) cache.set(customerId, key);
    return key;
  };
  return {
    find,
    async keyFor(customerId) {
      const existing = await find(customerId);
      if (existing) return existing;
      const [erased] = await db.query('SELECT 1 FROM personal_data.erased_customers WHERE customer_id = $1', [
        customerId,
      ]);
      if (erased) throw new Error(`customer ${customerId} was erased: no new personal data is kept for it`);
      await db.query(
        'INSERT INTO personal_data.customer_keys (customer_id, data_key) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [customerId, randomBytes(32)],
      );
      const made = await find(customerId);
      if (!made) throw new Error(`no key could be made for customer ${customerId}`);
      return made;
    },
    async destroy(customerId) {
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
