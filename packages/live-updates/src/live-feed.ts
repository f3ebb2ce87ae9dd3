import type { EventFilter, EventStore, Subscription } from '@hub/event-store';
import { comparePositions, formatPosition, type GlobalPosition, type RecordedEvent } from '@hub/events';
import { type Logger, silentLogger } from '@hub/logger';

/** What a client is told: enough to know what to fetch again, nothing personal. */
export interface LiveNotification {
  /** The event's global position (`commit/prepare`): the SSE id a client resumes from. */
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly occurredAt: string;
  /** What the event is about, for filtering by what a user may see and for the client's refresh. */
  readonly about: Readonly<Record<string, string>>;
}

/**
 * Called with the events announced together, in order (one array for every listener: a route
 * may build what it sends of it once for all its clients whom it shows all of it).
 */
export type LiveListener = (notifications: readonly LiveNotification[]) => void;

export interface LiveFeedOptions {
  readonly store: EventStore;
  /**
   * How far the read models clients read are built: an event is announced only once they show
   * it, so a client that fetches on the notification sees the change. Undefined: announce at once.
   */
  readonly visibleUpTo?: () => Promise<GlobalPosition | undefined>;
  /** Only these events are read at all (a stream prefix), for a feed about one kind of stream. */
  readonly filter?: EventFilter;
  /**
   * Which events to announce and what they are about; undefined skips the event. Awaited in order
   * (it may look something up, e.g. the conversation a reply belongs to).
   */
  readonly describe: (
    event: RecordedEvent,
  ) => Readonly<Record<string, string>> | undefined | Promise<Readonly<Record<string, string>> | undefined>;
  /**
   * Events whose readers do not read the read models `visibleUpTo` follows (a reply's delivery is
   * read from its own stream): announced as soon as everything before them is, without waiting.
   */
  readonly visibleAtOnce?: (event: RecordedEvent) => boolean;
  /** How often to look at `visibleUpTo` while events wait (50 ms). */
  readonly pollMs?: number;
  /** Most events replayed to a client resuming with Last-Event-ID before it is told to reload (1,000). */
  readonly resumeLimit?: number;
  readonly logger?: Logger;
}

export interface LiveFeed {
  /**
   * Calls `listener` with the announced events after `after` (a resumed client's Last-Event-ID),
   * in order, each once, those announced together in one call. Resolves with `unsubscribe`, or
   * with `reset` when more was missed than a resume replays (the client reloads what it shows).
   */
  subscribe(listener: LiveListener, after?: GlobalPosition): Promise<{ unsubscribe: () => void; reset: boolean }>;
  /** Subscribers now, for metrics. */
  readonly subscribers: () => number;
  close(): Promise<void>;
}

interface Released {
  readonly position: GlobalPosition;
  readonly notification: LiveNotification;
  readonly atOnce?: boolean;
}

/** What one release hands every listener: the same arrays for all of them. */
interface Batch {
  readonly released: readonly Released[];
  readonly notifications: readonly LiveNotification[];
}

const toNotification = (event: RecordedEvent, about: Readonly<Record<string, string>>): LiveNotification => ({
  id: formatPosition(event.position),
  type: event.type,
  streamId: event.streamId,
  revision: event.revision,
  occurredAt: event.occurredAt.toISOString(),
  about,
});

/**
 * One subscription to the store per process, fanned out to every connected client. Events wait
 * until the read models show them, then go to every listener; a resuming client first gets what
 * it missed from the store, then joins the live stream without a gap or a repeat.
 */
export function createLiveFeed(options: LiveFeedOptions): LiveFeed {
  const logger = (options.logger ?? silentLogger()).child({ component: 'live-feed' });
  const pollMs = options.pollMs ?? 50;
  const resumeLimit = options.resumeLimit ?? 1_000;
  const listeners = new Set<(batch: Batch) => void>();
  const waiting: Released[] = [];
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const release = async () => {
    timer = undefined;
    if (closed || waiting.length === 0) return;
    try {
      const visible = options.visibleUpTo ? await options.visibleUpTo() : undefined;
      let due = 0;
      for (const next of waiting) {
        const hidden = !next.atOnce && (!visible || comparePositions(next.position, visible) > 0);
        if (options.visibleUpTo && hidden) break;
        due += 1;
      }
      const released = waiting.splice(0, due);
      if (released.length > 0) {
        const batch: Batch = { released, notifications: released.map((r) => r.notification) };
        for (const listener of listeners) listener(batch);
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not read how far the read models are; trying again');
    }
    if (waiting.length > 0 && !closed) timer = setTimeout(() => void release(), pollMs);
  };
  const schedule = () => {
    if (!timer && !closed) timer = setTimeout(() => void release(), options.visibleUpTo ? pollMs : 0);
  };

  const subscription: Subscription = options.store.subscribeToAll({
    from: 'end',
    ...(options.filter ? { filter: options.filter } : {}),
    async onEvent(event) {
      const about = await options.describe(event);
      if (!about) return;
      const atOnce = options.visibleAtOnce?.(event) ?? false;
      waiting.push({ position: event.position, notification: toNotification(event, about), atOnce });
      schedule();
    },
    onError(error) {
      logger.error({ err: error }, 'live feed subscription stopped');
    },
  });

  /**
   * What a resuming client missed, from the store: up to the first event still waiting to be
   * released (that one comes live), or the end of the store.
   */
  async function replay(listener: LiveListener, after: GlobalPosition) {
    let from = after;
    let replayed = 0;
    for (;;) {
      const page = await options.store.readAll({
        after: from,
        maxCount: 200,
        ...(options.filter ? { filter: options.filter } : {}),
      });
      if (page.length === 0) return { reset: false, sentUpTo: from };
      // A page's notifications go together, also when the replay stops inside it.
      const notifications: LiveNotification[] = [];
      const stop = (reset: boolean) => {
        if (notifications.length > 0) listener(notifications);
        return { reset, sentUpTo: from };
      };
      for (const event of page) {
        const boundary = waiting[0]?.position;
        if (boundary && comparePositions(event.position, boundary) >= 0) return stop(false);
        from = event.position;
        const about = await options.describe(event);
        if (!about) continue;
        if (++replayed > resumeLimit) return stop(true);
        notifications.push(toNotification(event, about));
      }
      stop(false);
    }
  }

  return {
    async subscribe(listener, after) {
      if (!after) {
        const live = (batch: Batch) => listener(batch.notifications);
        listeners.add(live);
        return { unsubscribe: () => listeners.delete(live), reset: false };
      }
      // What is released while we replay is held, then handed over past what the replay sent; the
      // replay may also have read events the subscription has not handed us yet: never twice.
      const held: Released[] = [];
      const hold = (batch: Batch) => held.push(...batch.released);
      listeners.add(hold);
      const { reset, sentUpTo } = await replay(listener, after).finally(() => listeners.delete(hold));
      if (reset) return { unsubscribe: () => {}, reset };
      const newerThanReplay = (released: readonly Released[]) =>
        released.filter((r) => comparePositions(r.position, sentUpTo) > 0).map((r) => r.notification);
      const live = (batch: Batch) => {
        const last = batch.released.at(-1);
        if (!last || comparePositions(last.position, sentUpTo) <= 0) return;
        const first = batch.released[0] as Released;
        listener(
          comparePositions(first.position, sentUpTo) > 0 ? batch.notifications : newerThanReplay(batch.released),
        );
      };
      const missed = newerThanReplay(held);
      if (missed.length > 0) listener(missed);
      listeners.add(live);
      return { unsubscribe: () => listeners.delete(live), reset };
    },
    subscribers: () => listeners.size,
    async close() {
      closed = true;
      clearTimeout(timer);
      listeners.clear();
      await subscription.stop();
    },
  };
}
