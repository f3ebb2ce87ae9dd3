import { createHash } from 'node:crypto';
import type { SqlDatabase } from './sql-database.ts';

/**
 * One change to the schema, named `<owner>/<number>-<what>` (`event-store/0001-events`). Once
 * applied anywhere it is never edited: a change is a new migration after it.
 */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Told about each migration applied (a pino logger fits). */
export interface MigrationLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

export class MigrationChecksumError extends Error {
  constructor(readonly migrationId: string) {
    super(
      `migration ${migrationId} was edited after it was applied (its checksum differs from the one recorded in ` +
        'hub_migrations.applied): an applied migration must never change; put the change in a new migration',
    );
    this.name = 'MigrationChecksumError';
  }
}

const historySql = `
CREATE SCHEMA IF NOT EXISTS hub_migrations;
CREATE TABLE IF NOT EXISTS hub_migrations.applied (
  id         text PRIMARY KEY,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

export const checksumOf = (migration: Migration): string => createHash('sha256').update(migration.sql).digest('hex');

/**
 * Applies, in the order given, every migration not yet recorded, all in one transaction under one
 * advisory lock: processes started together on an empty database take turns, and the first one
 * does the work (concurrent `CREATE ... IF NOT EXISTS` collide in the catalogue otherwise). An
 * applied migration whose text changed stops the start; nothing is applied then.
 */
export async function runMigrations(
  db: SqlDatabase,
  migrations: readonly Migration[],
  options: { readonly logger?: MigrationLogger } = {},
): Promise<{ readonly applied: readonly string[] }> {
  const ids = new Set<string>();
  for (const { id } of migrations) {
    if (ids.has(id)) throw new Error(`migration ${id} is listed twice`);
    ids.add(id);
  }
  const applied = await db.transaction(async (tx) => {
    // One key for the whole hub: migrations of different owners may depend on each other.
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('hub_migrations', 0))");
    await tx.exec(historySql);
    const rows = await tx.query<{ id: string; checksum: string }>('SELECT id, checksum FROM hub_migrations.applied');
    const recorded = new Map(rows.map((row) => [row.id, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = checksumOf(migration);
      const before = recorded.get(migration.id);
      if (before === checksum) continue;
      if (before !== undefined) throw new MigrationChecksumError(migration.id);
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO hub_migrations.applied (id, checksum) VALUES ($1, $2)', [migration.id, checksum]);
      done.push(migration.id);
    }
    return done;
  });
  // Logged once committed: a rolled-back migration was not applied.
  for (const id of applied) options.logger?.info({ migration: id }, 'migration applied');
  return { applied };
}
