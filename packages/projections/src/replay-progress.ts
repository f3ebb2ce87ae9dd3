/**
 * How far a replay has got and how long it has left: pure, so the terminal bar, the plain
 * progress lines and the admin API compute the same figures from the same numbers.
 */
export interface ReplayProgressSample {
  /** Events read through so far (applied, or passed over by a replay from a date or a shard). */
  readonly events: number;
  /** Events to read in all, when known. */
  readonly total?: number;
  /** Milliseconds since the replay started. */
  readonly elapsedMs: number;
}

export interface ReplayEstimate {
  readonly events: number;
  readonly total?: number;
  /** Whole events per second since the start (0 before the first millisecond). */
  readonly eventsPerSecond: number;
  /** Seconds left at that rate; absent without a total or a rate. */
  readonly etaSeconds?: number;
  /** 0..1 of the total; absent without one. */
  readonly fraction?: number;
}

/**
 * The rate is the average since the start, not the last page's: pages differ (a bulk of cheap
 * events, then expensive ones) and a jumpy ETA tells an operator less than a steady one.
 */
export function estimateReplay(sample: ReplayProgressSample): ReplayEstimate {
  const eventsPerSecond = sample.elapsedMs > 0 ? Math.round((sample.events * 1000) / sample.elapsedMs) : 0;
  if (sample.total === undefined) return { events: sample.events, eventsPerSecond };
  const left = Math.max(sample.total - sample.events, 0);
  const fraction = sample.total > 0 ? Math.min(sample.events / sample.total, 1) : 1;
  const etaSeconds = left === 0 ? 0 : eventsPerSecond > 0 ? Math.ceil(left / eventsPerSecond) : undefined;
  return {
    events: sample.events,
    total: sample.total,
    eventsPerSecond,
    fraction,
    ...(etaSeconds === undefined ? {} : { etaSeconds }),
  };
}

/** `42s`, `3m05s`, `2h07m`: short enough for a bar's tail. */
export function formatDuration(seconds: number): string {
  const s = Math.max(Math.round(seconds), 0);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** `12,000/50,000 events, 4,100 events/s, ETA 10s`: the figures, as a line and after the bar. */
export function describeProgress(estimate: ReplayEstimate): string {
  const done =
    estimate.total === undefined ? count(estimate.events) : `${count(estimate.events)}/${count(estimate.total)}`;
  const eta = estimate.etaSeconds === undefined ? '' : `, ETA ${formatDuration(estimate.etaSeconds)}`;
  return `${done} events, ${count(estimate.eventsPerSecond)} events/s${eta}`;
}

/** A plain progress line for logs and pipes: `replay timeline: 40% 12,000/30,000 events, ...`. */
export function progressLine(label: string, estimate: ReplayEstimate): string {
  const percent = estimate.fraction === undefined ? '' : `${Math.floor(estimate.fraction * 100)}% `;
  return `${label}: ${percent}${describeProgress(estimate)}`;
}

/**
 * The bar a terminal redraws in place (no newline; the caller writes `\r` and clears the rest):
 * `timeline [#######.......]  50% 1,000/2,000 events, 500 events/s, ETA 2s`, cut to `columns`.
 * Without a total the bar is left out.
 */
export function renderProgressBar(label: string, estimate: ReplayEstimate, columns: number): string {
  const figures = describeProgress(estimate);
  if (estimate.fraction === undefined) return `${label} ${figures}`.slice(0, columns);
  const percent = `${String(Math.floor(estimate.fraction * 100)).padStart(3)}%`;
  const room = columns - label.length - percent.length - figures.length - 5;
  const width = Math.min(Math.max(room, 10), 40);
  const filled = Math.round(estimate.fraction * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent} ${figures}`.slice(0, columns);
}
