/** Runs `work` on `concurrency` workers sharing `total` units; returns units per second. */
export async function throughput(
  total: number,
  concurrency: number,
  work: (worker: number, unit: number) => Promise<void>,
): Promise<number> {
  const perWorker = Math.ceil(total / concurrency);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let unit = 0; unit < perWorker; unit++) await work(worker, unit);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (perWorker * concurrency) / seconds;
}

export async function timed(units: number, work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return units / (Number(process.hrtime.bigint() - started) / 1e9);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** Best of `rounds` runs of each, interleaved so a noisy neighbour hurts both sides alike. */
export async function bestOfInterleaved(
  rounds: number,
  raw: (round: number) => Promise<number>,
  store: (round: number) => Promise<number>,
): Promise<{ raw: number; store: number }> {
  let best = { raw: 0, store: 0 };
  for (let r = 0; r < rounds; r++) {
    const rawRate = await raw(r);
    const storeRate = await store(r);
    best = { raw: Math.max(best.raw, rawRate), store: Math.max(best.store, storeRate) };
  }
  return best;
}
