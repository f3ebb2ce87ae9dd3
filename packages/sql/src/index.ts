export { openPGlite, type PGliteSettings } from './pglite-database.ts';
export { connectPostgres, type PostgresSettings } from './postgres-database.ts';
export type { SqlDatabase, SqlExecutor } from './sql-database.ts';
