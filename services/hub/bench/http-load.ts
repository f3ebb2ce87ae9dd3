import http from 'node:http';
import { percentile } from './bench-load.ts';

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
