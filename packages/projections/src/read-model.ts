import type { SqlExecutor } from '@hub/sql';

/**
 * The tables a projection writes, all in one schema. Its handlers name them unqualified: the
 * runner points `search_path` at the schema for each page, and a rebuild points it at the shadow
 * schema instead, so the same handlers fill either. A table of another projection is read
 * qualified (`read_models.customers`), so it always means the live one.
 */
export interface ReadModelTables {
  readonly schema: string;
  readonly tables: readonly string[];
  /**
   * Its handlers find rows only by primary key or unique constraint, never through another index:
   * a rebuild then fills the shadow tables with only those and builds the other indexes once the
   * catch-up is done, in one sort each, instead of keeping them up to date row by row.
   */
  readonly keyLookupsOnly?: boolean;
}

const identifier = /^[a-z_][a-z0-9_]{0,50}$/;

/** Plain lower-case names only: they are spliced into DDL, so nothing there may need quoting. */
export function assertReadModelTables(readModel: ReadModelTables): void {
  for (const name of [readModel.schema, ...readModel.tables]) {
    if (!identifier.test(name)) throw new Error(`read model name ${JSON.stringify(name)} is not a plain identifier`);
  }
}

/** Where a rebuild builds a schema's tables afresh, beside the live ones. */
export const shadowSchemaOf = (schema: string): string => `${schema}_rebuild`;

/**
 * Makes the unqualified table names of the statements after it, in this transaction only, mean
 * the tables of `schema`. Tests that apply a projection's handlers by hand call it first.
 */
export async function useReadModelSchema(tx: SqlExecutor, schema: string): Promise<void> {
  await tx.query("SELECT set_config('search_path', $1, true)", [schema]);
}

/**
 * The lock that keeps a rebuild's swap and the live projection's pages apart: every page takes it
 * shared (several processes may project side by side), the swap takes it exclusively, so it
 * waits for the page being written and no page starts until the new tables are in place.
 */
export const projectionLockKey = (projection: string): string => `projection:${projection}`;
