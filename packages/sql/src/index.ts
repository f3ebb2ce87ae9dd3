export { createSlots, limitConcurrency, type Slots } from './concurrency-limit.ts';
export { databaseUnavailable, isDatabaseUnavailable, rethrowUnavailable } from './database-unavailable.ts';
export {
  checksumOf,
  type Migration,
  MigrationChecksumError,
  type MigrationLogger,
  runMigrations,
} from './migrations.ts';
export { openPGlite, type PGliteSettings } from './pglite-database.ts';
export { connectPostgres, type PostgresSettings } from './postgres-database.ts';
export type { SqlDatabase, SqlExecutor, SqlTransaction } from './sql-database.ts';
