import { comparePositions, type GlobalPosition, type RecordedEvent } from '@hub/events';
import type { ReadAllOptions, ReadAllPage } from './event-store.port.ts';
import { matchesFilter } from './expected-revision.ts';

export interface RecentEventsSource {
  /** The store's own read of `$all`. */
  readAllPage(options: ReadAllOptions): Promise<ReadAllPage>;
  /** The position of the last event a reader can see now: where the window starts. */
  headPosition(): Promise<GlobalPosition>;
  /** How many appends this process has made: a read begun before the latest is out of date. */
  appends(): number;
}

export interface RecentEventsSettings {
  /** Most events kept (10,000): readers further behind read the store themselves. */
  readonly capacity?: number;
  /** How long a read of the head answers for appends made by other processes (10 ms). */
  readonly freshForMs?: number;
  /** Events asked of the store at a time (1,000). */
  readonly pageSize?: number;
  readonly now?: () => number;
}

/**
 * The newest events of `$all`, read from the store once for every reader in the process. A hub
 * runs a dozen projections and a live feed that each poll the head of `$all`: without this, each
 * of them reads, and the process decodes, every new event once per reader. Here one read of the
 * head, made again only when this process has appended since (or after `freshForMs`, for other
 * processes' appends), answers every reader whose position lies in the window; a reader behind
 * the window (catching up, rebuilding) reads the store as before.
 *
 * Answers are the store's own: the window holds every event after its start up to the last read,
 * in the store's order, so a filtered reader is told it has seen everything up to there. Events
 * are shared between readers: none may change one it was given.
 */
export function createRecentEvents(source: RecentEventsSource, settings: RecentEventsSettings = {}) {
  const capacity = settings.capacity ?? 10_000;
  const freshForMs = settings.freshForMs ?? 10;
  const pageSize = settings.pageSize ?? 1_000;
  const now = settings.now ?? (() => performance.now());

  /** Every event in (start, end], in order. Undefined until the first read sets both at the head. */
  let window: RecordedEvent[] = [];
  let start: GlobalPosition | undefined;
  let end: GlobalPosition | undefined;
  /** When the last read of the head began, and how many local appends had been made then. */
  let readAt = Number.NEGATIVE_INFINITY;
  let readAfterAppends = -1;
  let reading: Promise<void> | undefined;
  /** Counts `forget` calls: a read that began before one is not kept. */
  let forgets = 0;

  /** Reads what was appended after the window's end, in pages, and drops the oldest. */
  async function readHead(): Promise<void> {
    const began = now();
    const appends = source.appends();
    const forgotten = forgets;
    const from = end ?? (await source.headPosition());
    let to = from;
    const read: RecordedEvent[] = [];
    /** Set when more was appended than the window keeps: it then starts after this event. */
    let cut: GlobalPosition | undefined;
    for (;;) {
      const page = await source.readAllPage({ after: to, maxCount: pageSize });
      for (const event of page.events) read.push(event);
      if (page.cursor && comparePositions(page.cursor, to) > 0) to = page.cursor;
      if (read.length > capacity) {
        cut = (read[read.length - capacity - 1] as RecordedEvent).position;
        read.splice(0, read.length - capacity);
      }
      if (page.events.length < pageSize) break;
    }
    if (forgotten !== forgets) return; // a deletion came meanwhile: what was read may be gone
    if (!end) start = from;
    if (cut) {
      window = [];
      start = cut;
    }
    end = to;
    for (const event of read) window.push(event);
    // Trimmed now and then, not on every read: each trim copies the window.
    if (window.length > capacity * 1.25) {
      const dropped = window.length - capacity;
      start = (window[dropped - 1] as RecordedEvent).position;
      window = window.slice(dropped);
    }
    readAt = began;
    readAfterAppends = appends;
  }

  /**
   * Until a read of the head has begun after every append this process made before the call, and
   * at most `freshForMs` before it. One read at a time: callers meanwhile wait for it (at most
   * two reads: one under way may have begun too early).
   */
  async function upToDate(): Promise<void> {
    const appends = source.appends();
    const asked = now();
    while (readAfterAppends < appends || asked - readAt > freshForMs) {
      reading ??= readHead().finally(() => {
        reading = undefined;
      });
      await reading;
    }
  }

  /** The first index of the window after `after`. */
  function firstAfter(after: GlobalPosition): number {
    let low = 0;
    let high = window.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comparePositions((window[middle] as RecordedEvent).position, after) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  return {
    /** `readAllPage`, answered from the window when `after` lies in it. */
    async readAllPage(options: ReadAllOptions = {}): Promise<ReadAllPage> {
      const { after, maxCount = 1_000, filter } = options;
      // Behind the window (the window never moves back): no need to wait for a read of the head.
      if (!after || (start && comparePositions(after, start) < 0)) return source.readAllPage(options);
      await upToDate();
      if (!start || !end || comparePositions(after, start) < 0 || comparePositions(after, end) > 0) {
        return source.readAllPage(options);
      }
      const events: RecordedEvent[] = [];
      for (let at = firstAfter(after); at < window.length && events.length < maxCount; at++) {
        const event = window[at] as RecordedEvent;
        if (matchesFilter(filter, event)) events.push(event);
      }
      if (events.length === maxCount) return { events, cursor: (events.at(-1) as RecordedEvent).position };
      return { events, cursor: end };
    },
    /** Forgets the window, e.g. after a stream was deleted: the next reader reads the store again. */
    forget(): void {
      forgets += 1;
      window = [];
      start = undefined;
      end = undefined;
      readAt = Number.NEGATIVE_INFINITY;
      readAfterAppends = -1;
    },
  };
}
