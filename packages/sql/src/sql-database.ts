/** The part of a SQL connection the hub's stores and projections use; PostgreSQL and PGlite both fit. */
export interface SqlExecutor {
  /**
   * Runs one statement. `name` lets PostgreSQL keep the plan of a hot statement
   * (a prepared statement per connection); PGlite ignores it.
   */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: { readonly name?: string },
  ): Promise<Row[]>;
}

/** A connection inside a transaction; `exec` runs scripts of several statements (migrations). */
export interface SqlTransaction extends SqlExecutor {
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'postgres' | 'pglite';
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
