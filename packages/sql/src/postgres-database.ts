import pg from 'pg';
import { rethrowUnavailable } from './database-unavailable.ts';
import type { SqlDatabase, SqlExecutor, SqlTransaction } from './sql-database.ts';

export interface PostgresSettings {
  readonly url: string;
  readonly maxConnections?: number;
  /**
   * How long to wait for a new connection before failing with DATABASE_UNAVAILABLE (5 s): without
   * it `pg` waits forever for a server that silently drops packets.
   */
  readonly connectTimeoutMs?: number;
  /** Told about connection errors of idle pooled clients, which would otherwise crash the process. */
  readonly onIdleError?: (error: Error) => void;
  /**
   * Parallel workers a statement may start (0). The hub's statements each read a few index
   * entries; without statistics PostgreSQL overestimates them and starts two workers, whose start
   * (5 ms here) was most of a customer search's time, and which take the cores other requests wait for.
   */
  readonly maxParallelWorkersPerGather?: number;
}

const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
  async query<Row>(text: string, params: readonly unknown[] = [], options: { name?: string } = {}) {
    const result = await client
      .query({ text, values: [...params], ...(options.name ? { name: options.name } : {}) })
      .catch(rethrowUnavailable);
    return result.rows as Row[];
  },
});

/**
 * A pooled connection to a PostgreSQL server through `pg`. A failure that means the server cannot
 * be reached comes out as the hub's retriable DATABASE_UNAVAILABLE (see `isDatabaseUnavailable`);
 * every other driver error is passed on unchanged (callers read SQLSTATEs such as 23505).
 */
export function connectPostgres(settings: PostgresSettings): SqlDatabase {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.maxConnections ?? 10,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 5_000,
    options: `-c max_parallel_workers_per_gather=${settings.maxParallelWorkersPerGather ?? 0}`,
  });
  pool.on('error', (error) => settings.onIdleError?.(error));
  return {
    dialect: 'postgres',
    ...executor(pool),
    async exec(script) {
      await pool.query(script).catch(rethrowUnavailable);
    },
    async transaction(work) {
      const client = await pool.connect().catch(rethrowUnavailable);
      // A connection that failed must not go back to the pool: release(error) destroys it.
      let broken: Error | undefined;
      // While our own code runs between two statements no query is active, so a server going away
      // (57P01) is emitted as an 'error' event; unheard, it would end the process. The next
      // statement then fails on the dead connection.
      const onConnectionError = (error: Error) => {
        broken = error;
      };
      client.on('error', onConnectionError);
      try {
        await client.query('BEGIN').catch(rethrowUnavailable);
        // A query without parameters goes by the simple protocol, which takes several statements.
        const inTransaction: SqlTransaction = {
          ...executor(client),
          async exec(script) {
            await client.query(script).catch(rethrowUnavailable);
          },
        };
        const result = await work(inTransaction);
        await client.query('COMMIT').catch(rethrowUnavailable);
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackFailed: Error) => {
          broken = rollbackFailed;
        });
        throw error;
      } finally {
        client.off('error', onConnectionError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
