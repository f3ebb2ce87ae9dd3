import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SqlDatabase, SqlExecutor, SqlTransaction } from './sql-database.ts';

export interface PGliteSettings {
  /** Folder holding the database files; created when missing. Omit for a database in memory. */
  readonly dataDir?: string;
}

const executor = (db: PGlite | Transaction): SqlExecutor => ({
  async query<Row>(text: string, params: readonly unknown[] = []) {
    const result = await db.query<Row>(text, [...params]);
    return result.rows;
  },
});

/**
 * Embedded PostgreSQL (WASM) in this process: the same SQL as the server, one connection. The
 * contrib extensions migrations may create (`pg_trgm`, for search) are loaded, as a server has them.
 */
export async function openPGlite(settings: PGliteSettings = {}): Promise<SqlDatabase> {
  if (settings.dataDir) await mkdir(settings.dataDir, { recursive: true });
  const db = await PGlite.create(settings.dataDir, { extensions: { pg_trgm } });
  return {
    dialect: 'pglite',
    ...executor(db),
    async exec(script) {
      await db.exec(script);
    },
    transaction: (work) =>
      db.transaction((tx) => {
        const inTransaction: SqlTransaction = {
          ...executor(tx),
          async exec(script) {
            await tx.exec(script);
          },
        };
        return work(inTransaction);
      }),
    close: () => db.close(),
  };
}
