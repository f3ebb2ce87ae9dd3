import http from 'node:http';
import { percentile, round } from './bench-load.ts';

/** Latencies of one run, sorted, in ms; `failed` counts answers other than the expected status. */
export interface Latencies {
  readonly sorted: number[];
  readonly failed: number;
  readonly seconds: number;
}

export const summary = (l: Latencies) => ({
  count: l.sorted.length,
  p50: percentile(l.sorted, 50),
  p99: percentile(l.sorted, 99),
  perSecond: l.sorted.length / l.seconds,
  failed: l.failed,
});

/**
 * Open loop: the `i`-th call is due at `start + i / rate` whether or not earlier ones answered,
 * and its latency counts from when it was due (a late start is the system's delay too, so a stall
 * is not hidden the way a closed loop hides it).
 */
export async function openLoop(
  call: (i: number) => Promise<boolean>,
  rate: number,
  seconds: number,
): Promise<Latencies> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; ) {
    const now = performance.now();
    // Everything due by now goes out; then wait for the next one.
    while (i < total && start + (i * 1000) / rate <= now) {
      const due = start + (i * 1000) / rate;
      pending.push(
        call(i).then(
          (ok) => {
            if (ok) latencies.push(performance.now() - due);
            else failed += 1;
          },
          () => {
            failed += 1;
          },
        ),
      );
      i += 1;
    }
    if (i < total) {
      const wait = start + (i * 1000) / rate - performance.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    }
  }
  await Promise.all(pending);
  return { sorted: latencies.sort((a, b) => a - b), failed, seconds };
}

/** Closed loop: `concurrency` callers, each calling again as soon as it has its answer. */
export async function closedLoop(
  call: (i: number) => Promise<boolean>,
  concurrency: number,
  seconds: number,
): Promise<Latencies> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        const ok = await call(next++).catch(() => false);
        if (ok) latencies.push(performance.now() - began);
        else failed += 1;
      }
    }),
  );
  return { sorted: latencies.sort((a, b) => a - b), failed, seconds: (performance.now() - start) / 1000 };
}

/** GETs over at most `connections` keep-alive sockets: true on a 200 (the body is read and dropped). */
export function httpGetter(baseUrl: string, token: string, connections: number) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const get = (path: string) =>
    new Promise<boolean>((resolve, reject) => {
      const request = http.get(
        { host: url.hostname, port: url.port, path, agent, headers: { authorization: `Bearer ${token}` } },
        (response) => {
          response.on('data', () => {});
          response.on('end', () => resolve(response.statusCode === 200));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

export const formatLatencies = (l: Latencies) => {
  const s = summary(l);
  return `p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms${s.failed ? `, ${s.failed} failed` : ''}`;
};

/** The runs' latencies as one. */
export const merged = (runs: readonly Latencies[]): Latencies => ({
  sorted: runs.flatMap((r) => r.sorted).sort((a, b) => a - b),
  failed: runs.reduce((n, r) => n + r.failed, 0),
  seconds: runs.reduce((n, r) => n + r.seconds, 0),
});

export interface ReadLoad {
  /** Offered rate of the open loop, calls/s. */
  readonly rate: number;
  readonly seconds: number;
  /** Callers of the closed loop that finds the saturation throughput. */
  readonly connections: number;
  readonly saturationSeconds: number;
  /** Unrecorded open loop first: the first reads of a query fill the caches and plan it. */
  readonly warmupSeconds: number;
  readonly say: (line: string) => void;
}

/**
 * The read load of the benches, from the environment: BENCH_RATE (500/s), BENCH_SECONDS (10),
 * BENCH_CONNECTIONS (50), BENCH_SATURATION_SECONDS (5), BENCH_WARMUP_SECONDS (3).
 */
export const readLoadFromEnvironment = (say: (line: string) => void): ReadLoad => ({
  rate: Number(process.env.BENCH_RATE ?? 500),
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  saturationSeconds: Number(process.env.BENCH_SATURATION_SECONDS ?? 5),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 3),
  say,
});

/** Open loop at the offered rate, then saturation, of one kind of call; prints both. */
export function readMeasurer(load: ReadLoad) {
  return async (name: string, call: (i: number) => Promise<boolean>) => {
    await openLoop(call, load.rate, load.warmupSeconds);
    const open = await openLoop(call, load.rate, load.seconds);
    const saturation = await closedLoop(call, load.connections, load.saturationSeconds);
    load.say(
      `  ${name.padEnd(44)} at ${load.rate}/s: ${formatLatencies(open)}; saturation ${round(summary(saturation).perSecond)}/s (${formatLatencies(saturation)})`,
    );
    return { open, saturation };
  };
}
