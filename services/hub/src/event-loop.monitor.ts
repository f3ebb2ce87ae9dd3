/**
 * Measures how late a short timer fires: a late timer means the event loop was blocked (a
 * runaway loop, a synchronous parse of a huge body). `/health/live` reads it without any I/O.
 */
export interface EventLoopMonitor {
  /** The largest delay seen over the last window, in milliseconds. */
  delayMs(): number;
  stop(): void;
}

export function startEventLoopMonitor(options: { intervalMs?: number; windowMs?: number } = {}): EventLoopMonitor {
  const intervalMs = options.intervalMs ?? 100;
  const windowMs = options.windowMs ?? 10_000;
  // [time observed, delay] of recent ticks; old ones age out so a past stall does not fail forever.
  let samples: [number, number][] = [];
  let expected = performance.now() + intervalMs;
  const record = () => {
    const now = performance.now();
    samples.push([now, Math.max(0, now - expected)]);
    samples = samples.filter(([at]) => now - at <= windowMs);
    expected = now + intervalMs;
  };
  const timer = setInterval(record, intervalMs);
  // A monitor must not keep the process alive by itself.
  timer.unref();
  return {
    delayMs() {
      // A tick that is overdue right now counts too: the loop may be stuck behind this very call.
      const overdue = Math.max(0, performance.now() - expected);
      return Math.max(overdue, ...samples.map(([, delay]) => delay));
    },
    stop: () => clearInterval(timer),
  };
}
