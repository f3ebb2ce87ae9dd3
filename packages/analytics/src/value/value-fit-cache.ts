import type { ValueFit } from './value-fit.ts';

// Fits kept in memory per (fit instant, currency) for a few minutes: a dashboard asks for the
// same day's figures many times, and a fit at 100,000 customers costs about a second. Concurrent
// requests for one key share one computation. The process's own, never shared between processes.

export interface ValueFitCacheSettings {
  /** How long a fit is reused; default 5 minutes. */
  readonly ttlMs?: number;
  /** Keys kept at most (the oldest goes first); default 32. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export interface ValueFitCache {
  fitOf(fitInstant: Date, currency: string, compute: () => Promise<ValueFit>): Promise<ValueFit>;
}

export function createValueFitCache(settings: ValueFitCacheSettings = {}): ValueFitCache {
  const ttlMs = settings.ttlMs ?? 5 * 60_000;
  const maxEntries = settings.maxEntries ?? 32;
  const now = settings.now ?? Date.now;
  const entries = new Map<string, { at: number; fit: Promise<ValueFit> }>();
  return {
    fitOf(fitInstant, currency, compute) {
      const key = `${fitInstant.toISOString()} ${currency}`;
      const kept = entries.get(key);
      if (kept && now() - kept.at < ttlMs) return kept.fit;
      entries.delete(key);
      const fit = compute();
      entries.set(key, { at: now(), fit });
      // A failed fit is not kept: the next request tries again.
      fit.catch(() => {
        if (entries.get(key)?.fit === fit) entries.delete(key);
      });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return fit;
    },
  };
}
