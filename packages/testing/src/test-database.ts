import pg from 'pg';
import { providePostgres } from './postgres.provider.ts';
import { uniqueName } from './unique-name.ts';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

async function runAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database per test file. Without an admin URL (a file run on its own, no runner
 * around it) it finds or starts a server itself and stops it again on `drop()`.
 */
export async function createTestDatabase(options: { adminUrl?: string; prefix?: string } = {}): Promise<TestDatabase> {
  const configured = options.adminUrl ?? process.env.DATABASE_URL;
  const server = configured ? undefined : await providePostgres();
  const adminUrl = configured ?? server?.url ?? '';
  const prefix = (options.prefix ?? 'hub_test').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  // A PostgreSQL identifier holds 63 bytes; the unique suffix must survive the cut.
  const name = uniqueName(prefix.slice(0, 40));
  await runAdmin(adminUrl, `CREATE DATABASE "${name}"`).catch(async (error: unknown) => {
    await server?.stop();
    throw error;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server?.stop();
    },
  };
}
