import type { EventToAppend, GlobalPosition, RecordedEvent } from '@hub/events';

/**
 * What the writer expects the stream to be at. A number is the revision of the stream's last
 * event (0-based), so a stream holding one event is at revision 0.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended (or found, for an idempotent retry). */
  readonly position: GlobalPosition;
  /** True when every event was already there: a retry that wrote nothing. */
  readonly alreadyAppended: boolean;
}

/** One entry of `appendToStreams`. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the first event forwards, the last one backwards. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to the start. */
  readonly after?: GlobalPosition;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

/** A page of `$all` as a reader that continues from it needs it. */
export interface ReadAllPage {
  readonly events: RecordedEvent[];
  /**
   * Where the next page starts (strictly after): the last event returned or, when the page is
   * not full, as far as the read went, past the events the filter left out. A filtered reader at
   * the tail resumes there and never reads those again (a projection of rare streams would
   * otherwise re-read everything since its last match on every poll). Undefined only when nothing
   * was read and `after` was not given.
   */
  readonly cursor: GlobalPosition | undefined;
}

export interface EventFilter {
  /** Only streams whose id starts with this prefix, or with any of these (none matches an empty list). */
  readonly streamPrefix?: string | readonly string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint; 'start' replays everything, 'end' only follows new appends. */
  readonly from: GlobalPosition | 'start' | 'end';
  readonly filter?: EventFilter;
  /** Awaited for each event in order; the subscription does not move on until it settles. */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** Called once when the subscription stops on an error (a handler throw included). */
  readonly onError?: (error: unknown) => void;
  /**
   * Called each time the subscription has delivered everything committed so far, with how far it
   * has read (past the events its filter left out, where the store tells): a reader that keeps
   * it resumes there instead of reading those again.
   */
  readonly onCaughtUp?: (position: GlobalPosition | undefined) => void;
}

export interface Subscription {
  /** Stops after the event being handled; resolves when nothing more will be delivered. */
  stop(): Promise<void>;
}

export interface DeleteStreamOptions {
  readonly expectedRevision?: ExpectedRevision;
  /** Permanent (tombstone): the stream can never be written again. Soft otherwise. */
  readonly permanent?: boolean;
}

export interface StoreHealth {
  readonly ok: boolean;
  readonly backend: 'memory' | 'postgres' | 'pglite' | 'esdb';
  readonly detail?: string;
}

/**
 * The event store port. Every backend passes the same contract suite (`eventStoreContract`).
 * Appends are idempotent by event id: retrying an append whose events are already in the stream
 * succeeds with `alreadyAppended: true` and writes nothing.
 */
export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Several appends in one call, in order, each with `appendToStream`'s meaning (a stream may come
   * more than once; an entry sees the ones before it); one result per entry. On PostgreSQL, PGlite
   * and in memory the call is atomic: every entry is written (or found already written) or none
   * is, and it fails with the first failing entry's error. On KurrentDB the entries are appended one
   * by one, so a failure leaves the entries before it written. Each entry is idempotent either
   * way: retrying the whole call writes nothing twice. The writer's batches go through here. On
   * PostgreSQL the call holds a lock per distinct stream until it commits: keep calls to a few
   * hundred streams (the lock table holds `max_locks_per_transaction` x connections).
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several whole streams in one read (one query on PostgreSQL and PGlite), for aggregates decided
   * together in a batch (orders of an import): one array per id asked, in that order, each as
   * `readStream` reads it forwards. Meant for a few hundred short streams.
   */
  readStreams(streamIds: readonly string[]): Promise<RecordedEvent[][]>;
  /** Events in global order: every reader sees the same order, and never a gap that fills later. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** `readAll` with where a reader continues: how filtered readers (projections) keep up cheaply. */
  readAllPage(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** Catch-up subscription: reads from the checkpoint, then follows live appends. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** Hides events before `beforeRevision`; the stream keeps its revision count. */
  truncateStream(streamId: string, beforeRevision: number): Promise<void>;
  deleteStream(streamId: string, options?: DeleteStreamOptions): Promise<void>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
