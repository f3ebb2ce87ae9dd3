// The repeat-purchase history the probability models read: (x, tₓ, T) in the paper's notation.

/**
 * One customer's history in model time units (weeks, days: the caller's choice, used alike for
 * every customer and for the horizon of a prediction).
 */
export interface PurchaseHistory {
  /** x: repeat purchases, that is purchases after the first one. */
  readonly x: number;
  /** tₓ: time from the first purchase to the last one (0 when x = 0). */
  readonly tx: number;
  /** T: time from the first purchase to the end of observation. */
  readonly T: number;
}

export function assertPurchaseHistory(history: PurchaseHistory): void {
  const { x, tx, T } = history;
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`x must be a whole number >= 0, got ${x}`);
  if (!Number.isFinite(T) || T < 0) throw new RangeError(`T must be a finite time >= 0, got ${T}`);
  if (!Number.isFinite(tx) || tx < 0 || tx > T) throw new RangeError(`tx must lie in [0, T], got ${tx} with T ${T}`);
  if (x === 0 && tx !== 0) throw new RangeError(`tx must be 0 for a customer without repeat purchases, got ${tx}`);
}

/** Identical histories folded into one with a weight: the likelihood is evaluated once per group. */
export interface GroupedHistories {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  readonly customers: number;
}

export function groupHistories(histories: readonly PurchaseHistory[]): GroupedHistories {
  // Nested maps keyed by numbers: several times faster than one map keyed by a joined string.
  const index = new Map<number, Map<number, Map<number, number>>>();
  const rows: { x: number; tx: number; T: number; weight: number }[] = [];
  for (const history of histories) {
    assertPurchaseHistory(history);
    const { x, tx, T } = history;
    let byT = index.get(x);
    if (byT === undefined) {
      byT = new Map();
      index.set(x, byT);
    }
    let byTx = byT.get(T);
    if (byTx === undefined) {
      byTx = new Map();
      byT.set(T, byTx);
    }
    const at = byTx.get(tx);
    if (at === undefined) {
      byTx.set(tx, rows.length);
      rows.push({ x, tx, T, weight: 1 });
    } else (rows[at] as { weight: number }).weight++;
  }
  return {
    x: Float64Array.from(rows, (row) => row.x),
    tx: Float64Array.from(rows, (row) => row.tx),
    T: Float64Array.from(rows, (row) => row.T),
    weight: Float64Array.from(rows, (row) => row.weight),
    customers: histories.length,
  };
}

/**
 * Grouped histories laid out for a likelihood that is evaluated many times: the distinct x, T and
 * tₓ values in ascending order (terms depending on one of them only are computed once per value,
 * those growing with x from the value before), and per group the position of its values, groups
 * without a repeat purchase apart.
 */
export interface HistoryLevels {
  readonly xLevels: Float64Array;
  readonly tLevels: Float64Array;
  readonly txLevels: Float64Array;
  /** Groups with x = 0: the position of T, and the weight. */
  readonly idle: { readonly tLevel: Int32Array; readonly weight: Float64Array; readonly customers: number };
  /** Groups with x >= 1. */
  readonly repeat: {
    readonly x: Float64Array;
    readonly xLevel: Int32Array;
    readonly tLevel: Int32Array;
    readonly txLevel: Int32Array;
    readonly weight: Float64Array;
  };
  readonly customers: number;
}

export function levelsOfHistories(groups: GroupedHistories): HistoryLevels {
  const levelsOf = (values: Float64Array) => {
    const levels = Float64Array.from(new Set(values)).sort();
    const position = new Map([...levels].map((value, i) => [value, i]));
    return { levels, indexOf: (value: number) => position.get(value) as number };
  };
  const xs = levelsOf(groups.x);
  const ts = levelsOf(groups.T);
  const txs = levelsOf(groups.tx);
  const withoutRepeat: number[] = [];
  const withRepeat: number[] = [];
  for (let g = 0; g < groups.weight.length; g++) (groups.x[g] === 0 ? withoutRepeat : withRepeat).push(g);
  const idleWeight = Float64Array.from(withoutRepeat, (g) => groups.weight[g] as number);
  return {
    xLevels: xs.levels,
    tLevels: ts.levels,
    txLevels: txs.levels,
    idle: {
      tLevel: Int32Array.from(withoutRepeat, (g) => ts.indexOf(groups.T[g] as number)),
      weight: idleWeight,
      customers: idleWeight.reduce((sum, weight) => sum + weight, 0),
    },
    repeat: {
      x: Float64Array.from(withRepeat, (g) => groups.x[g] as number),
      xLevel: Int32Array.from(withRepeat, (g) => xs.indexOf(groups.x[g] as number)),
      tLevel: Int32Array.from(withRepeat, (g) => ts.indexOf(groups.T[g] as number)),
      txLevel: Int32Array.from(withRepeat, (g) => txs.indexOf(groups.tx[g] as number)),
      weight: Float64Array.from(withRepeat, (g) => groups.weight[g] as number),
    },
    customers: groups.customers,
  };
}
