import pg from 'pg';
import type { SqlDatabase, SqlExecutor, SqlTransaction } from './sql-database.ts';

export interface PostgresSettings {
  readonly url: string;
  readonly maxConnections?: number;
  /** Told about connection errors of idle pooled clients, which would otherwise crash the process. */
  readonly onIdleError?: (error: Error) => void;
}

const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
  async query<Row>(text: string, params: readonly unknown[] = [], options: { name?: string } = {}) {
    const result = await client.query({ text, values: [...params], ...(options.name ? { name: options.name } : {}) });
    return result.rows as Row[];
  },
});

/** A pooled connection to a PostgreSQL server through `pg`. */
export function connectPostgres(settings: PostgresSettings): SqlDatabase {
  const pool = new pg.Pool({ connectionString: settings.url, max: settings.maxConnections ?? 10 });
  pool.on('error', (error) => settings.onIdleError?.(error));
  return {
    dialect: 'postgres',
    ...executor(pool),
    async exec(script) {
      await pool.query(script);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // A query without parameters goes by the simple protocol, which takes several statements.
        const inTransaction: SqlTransaction = {
          ...executor(client),
          async exec(script) {
            await client.query(script);
          },
        };
        const result = await work(inTransaction);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
