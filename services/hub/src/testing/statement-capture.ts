import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';

/** One statement a service ran, with its parameters as the driver was given them. */
export interface CapturedStatement {
  /** What was being served: the request's route, or `background` outside any request. */
  readonly during: string;
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Records every statement run through the database it wraps, naming the request it ran for
 * (`capture.during(name, work)`), so a test can EXPLAIN exactly what the real code sends.
 */
export function createStatementCapture() {
  const current = new AsyncLocalStorage<string>();
  const statements: CapturedStatement[] = [];
  let recording = false;
  const observed = (inner: SqlExecutor): SqlExecutor => ({
    query(sql, params, options) {
      if (recording) statements.push({ during: current.getStore() ?? 'background', sql, params: [...(params ?? [])] });
      return inner.query(sql, params, options);
    },
  });
  return {
    statements,
    /** For `composeHub`'s `observeDatabase`. */
    wrap: (db: SqlDatabase): SqlDatabase => ({
      dialect: db.dialect,
      ...observed(db),
      exec: (script) => db.exec(script),
      transaction: (work) => db.transaction((tx) => work({ ...observed(tx), exec: (script) => tx.exec(script) })),
      close: () => db.close(),
    }),
    start() {
      recording = true;
    },
    stop() {
      recording = false;
    },
    during: <T>(name: string, work: () => Promise<T>): Promise<T> => current.run(name, work),
  };
}
