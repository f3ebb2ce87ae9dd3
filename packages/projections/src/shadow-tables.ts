import type { SqlDatabase, SqlExecutor } from '@hub/sql';
import { type ReadModelTables, shadowSchemaOf } from './read-model.ts';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Makes an empty copy of each live table in the shadow schema, dropping what a rebuild that died
 * left there. The shape is the live table's, read from the catalogue (columns, defaults, checks,
 * keys and indexes under their own names, storage parameters such as a fillfactor): migrations
 * own the shape, a rebuild only refills it,
 * so a query or a later migration that names an index finds it after the swap. For a read model
 * whose handlers look rows up by key only, the other indexes wait for `indexShadowTables`.
 */
export async function createShadowTables(db: SqlDatabase, readModel: ReadModelTables): Promise<void> {
  const shadow = shadowSchemaOf(readModel.schema);
  await db.transaction(async (tx) => {
    // With only pg_catalog on the path, the catalogue's definitions name every table with its schema.
    await tx.query("SELECT set_config('search_path', 'pg_catalog', true)");
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${shadow}`);
    for (const table of readModel.tables) {
      const live = `${readModel.schema}.${table}`;
      const copy = `${shadow}.${table}`;
      await tx.query(`DROP TABLE IF EXISTS ${copy}`);
      await tx.query(`CREATE TABLE ${copy} (LIKE ${live} INCLUDING ALL EXCLUDING INDEXES)`);
      // LIKE copies columns, not the table's storage parameters.
      const [storage] = await tx.query<{ options: string | null }>(
        "SELECT array_to_string(reloptions, ', ') AS options FROM pg_class WHERE oid = $1::regclass",
        [live],
      );
      if (storage?.options) await tx.query(`ALTER TABLE ${copy} SET (${storage.options})`);
      const keys = await tx.query<{ name: string; definition: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
          WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
        [live],
      );
      for (const key of keys)
        await tx.query(`ALTER TABLE ${copy} ADD CONSTRAINT ${quoted(key.name)} ${key.definition}`);
      if (!readModel.keyLookupsOnly) await copyIndexes(tx, live, copy);
    }
  });
}

async function copyIndexes(tx: SqlExecutor, live: string, copy: string): Promise<void> {
  const indexes = await tx.query<{ definition: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY i.indexrelid`,
    [live],
  );
  for (const { definition } of indexes) {
    // An index lives in its table's schema, so the same name is free there.
    const onCopy = definition.replace(` ON ${live} USING `, ` ON ${copy} USING `);
    if (onCopy === definition) throw new Error(`cannot copy index of ${live} to its shadow: ${definition}`);
    await tx.query(onCopy);
  }
}

/** The indexes `createShadowTables` left out of a read model looked up by key only; none for another one. */
export async function indexShadowTables(db: SqlDatabase, readModel: ReadModelTables): Promise<void> {
  if (!readModel.keyLookupsOnly) return;
  const shadow = shadowSchemaOf(readModel.schema);
  await db.transaction(async (tx) => {
    await tx.query("SELECT set_config('search_path', 'pg_catalog', true)");
    for (const table of readModel.tables) await copyIndexes(tx, `${readModel.schema}.${table}`, `${shadow}.${table}`);
  });
}

/** Statistics for the planner, before readers' queries meet the new tables. */
export async function analyzeShadowTables(db: SqlDatabase, readModel: ReadModelTables): Promise<void> {
  const shadow = shadowSchemaOf(readModel.schema);
  for (const table of readModel.tables) await db.query(`ANALYZE ${shadow}.${table}`);
}

/**
 * In the caller's transaction: the live tables go, the shadows take their place under the same
 * names. Readers wait on the lock for the moment of the commit, then read the new tables; none
 * sees one new table beside an old one.
 */
export async function swapInShadowTables(tx: SqlExecutor, readModel: ReadModelTables): Promise<void> {
  const shadow = shadowSchemaOf(readModel.schema);
  const live = readModel.tables.map((table) => `${readModel.schema}.${table}`);
  if (live.length === 0) return;
  await tx.query(`LOCK TABLE ${live.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  for (const table of readModel.tables) {
    await tx.query(`DROP TABLE ${readModel.schema}.${table}`);
    await tx.query(`ALTER TABLE ${shadow}.${table} SET SCHEMA ${readModel.schema}`);
  }
}
