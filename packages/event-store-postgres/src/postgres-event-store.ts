import {
  type AppendResult,
  AppendSignal,
  createRecentEvents,
  duplicateEventId,
  type EventStore,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecentEventsSettings,
  type StreamAppend,
  streamDeleted,
  streamPrefixesOf,
  subscribeByPolling,
  wrongExpectedRevision,
} from '@hub/event-store';
import { comparePositions, type EventToAppend, type GlobalPosition, type RecordedEvent, startOfAll } from '@hub/events';
import type { SqlDatabase } from '@hub/sql';
import { type EventRow, eventColumns, toAppendPayload, toRecordedEvent } from './event-row.ts';
import { isEventIdConflict, translateSqlError } from './sql-errors.ts';
import { deleteStream, truncateStream } from './stream-deletion.ts';

export interface PostgresEventStoreSettings {
  /** How often a caught-up subscription looks for appends made by other processes. */
  readonly pollIntervalMs?: number;
  readonly pageSize?: number;
  /**
   * The newest events, read once for every reader in the process (`createRecentEvents`). Off by
   * default: a read answered from the window may be up to `freshForMs` behind a visibility change
   * made by other transactions, which a rebuild's last read must not be (see its README).
   */
  readonly recentEvents?: RecentEventsSettings | false;
}

interface AppendRow {
  outcome: 'appended' | 'already_appended' | 'duplicate_event_id' | 'stream_deleted' | 'wrong_expected_revision';
  last_revision: string;
  transaction_id: string | null;
  global_position: string | null;
}

// Only transactions below the snapshot's xmin are finished, so nothing can still appear before
// the last row returned: readers never skip an event whose transaction commits late.
const readAllSql = `SELECT ${eventColumns} FROM event_store.events e
  WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    AND (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
    AND ($4::text[] IS NULL OR e.stream_id ^@ ANY ($4::text[]))
  ORDER BY e.transaction_id, e.global_position LIMIT $3`;

/**
 * `readAllSql` of a filtered reader, with the last event it could have read (the same snapshot, so
 * nothing committed after the read can hide behind it): a page that is not full read that far,
 * and the reader resumes there instead of reading again what the filter left out. One row with
 * the head only when nothing matched.
 */
const readFilteredSql = `SELECT h.head_commit, h.head_prepare, p.* FROM
  (SELECT e.transaction_id::text AS head_commit, e.global_position::text AS head_prepare
     FROM event_store.events e WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1) h
  LEFT JOIN LATERAL (SELECT ${eventColumns}, e.transaction_id AS order_commit, e.global_position AS order_prepare
     FROM event_store.events e
    WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      AND (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
      AND e.stream_id ^@ ANY ($4::text[])
    ORDER BY e.transaction_id, e.global_position LIMIT $3) p ON true
  ORDER BY p.order_commit, p.order_prepare`;

const headSql = `SELECT e.transaction_id::text AS transaction_id, e.global_position::text AS global_position
  FROM event_store.events e
  WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`;

/** The event store on PostgreSQL (`pg`) or PGlite: one implementation, the same SQL. */
export function createPostgresEventStore(db: SqlDatabase, settings: PostgresEventStoreSettings = {}): EventStore {
  const signal = new AppendSignal();
  const backend = db.dialect;
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => translateSqlError(backend, error));

  const readAll = ({ after = startOfAll, maxCount = 1000, filter }: ReadAllOptions = {}) =>
    guard(async () => {
      const params = [after.commit.toString(), after.prepare.toString(), maxCount, streamPrefixesOf(filter) ?? null];
      const rows = await db.query<EventRow>(readAllSql, params, { name: 'event_store.read_all' });
      return rows.map(toRecordedEvent);
    });

  const readStoredPage = async (options: ReadAllOptions = {}): Promise<ReadAllPage> => {
    const { after, maxCount = 1000, filter } = options;
    const prefixes = streamPrefixesOf(filter);
    if (!prefixes) {
      // Unfiltered, a page that is not full ends at the head: its last event is the cursor.
      const events = await readAll(options);
      return { events, cursor: events.at(-1)?.position ?? after };
    }
    return guard(async () => {
      const from = after ?? startOfAll;
      const rows = await db.query<EventRow & { head_commit: string; head_prepare: string }>(
        readFilteredSql,
        [from.commit.toString(), from.prepare.toString(), maxCount, prefixes],
        { name: 'event_store.read_all_filtered' },
      );
      const events = rows.filter((row) => row.event_id !== null).map(toRecordedEvent);
      const last = events.at(-1)?.position ?? after;
      const [head] = rows;
      if (events.length === maxCount || !head) return { events, cursor: last };
      const end = { commit: BigInt(head.head_commit), prepare: BigInt(head.head_prepare) };
      // `last` is `after` when nothing matched: the cursor never goes back behind where it started.
      return { events, cursor: last && comparePositions(last, end) > 0 ? last : end };
    });
  };

  // When asked for: every projection and the live feed poll the head, one read of it answers them all.
  const recent =
    settings.recentEvents === undefined || settings.recentEvents === false
      ? undefined
      : createRecentEvents(
          { readAllPage: readStoredPage, headPosition: () => guard(headPosition), appends: () => signal.appends },
          settings.recentEvents,
        );
  const readAllPage = recent ? recent.readAllPage : readStoredPage;
  /** A deletion may remove events the window holds. */
  const deleting = <T>(work: Promise<T>) => work.finally(() => recent?.forget());

  const store: EventStore = {
    appendToStream: (streamId, events: readonly EventToAppend[], { expectedRevision = 'any' } = {}) =>
      guard(async (): Promise<AppendResult> => {
        const [row] = await db
          .query<AppendRow>(
            'SELECT * FROM event_store.append($1, $2, $3::jsonb)',
            [streamId, String(expectedRevision), toAppendPayload(events)],
            { name: 'event_store.append' },
          )
          .catch((error: unknown) => {
            if (isEventIdConflict(error))
              throw duplicateEventId(
                streamId,
                events.map((e) => e.id),
              );
            throw error;
          });
        if (!row) throw new Error('event_store.append returned no row');
        const lastRevision = Number(row.last_revision);
        switch (row.outcome) {
          case 'appended':
          case 'already_appended':
            if (row.outcome === 'appended') signal.notify();
            return {
              nextExpectedRevision: lastRevision,
              position: { commit: BigInt(row.transaction_id ?? 0), prepare: BigInt(row.global_position ?? 0) },
              alreadyAppended: row.outcome === 'already_appended',
            };
          case 'wrong_expected_revision':
            throw wrongExpectedRevision(streamId, expectedRevision, lastRevision < 0 ? null : lastRevision);
          case 'stream_deleted':
            throw streamDeleted(streamId);
          case 'duplicate_event_id':
            throw duplicateEventId(
              streamId,
              events.map((e) => e.id),
            );
          default:
            return row.outcome satisfies never;
        }
      }),

    appendToStreams: (appends) =>
      guard(async (): Promise<AppendResult[]> => {
        if (appends.length === 0) return [];
        // Spliced from the per-entry payloads `append` takes, instead of parsing them back.
        const entry = (a: StreamAppend) =>
          `{"streamId":${JSON.stringify(a.streamId)},"expected":${JSON.stringify(String(a.expectedRevision ?? 'any'))},"events":${toAppendPayload(a.events)}}`;
        const payload = `[${appends.map(entry).join(',')}]`;
        const rows = await db
          .query<AppendRow>('SELECT * FROM event_store.append_many($1::jsonb)', [payload], {
            name: 'event_store.append_many',
          })
          .catch((error: unknown) => {
            throw batchFailure(error, appends);
          });
        if (rows.some((row) => row.outcome === 'appended')) signal.notify();
        return rows.map((row) => ({
          nextExpectedRevision: Number(row.last_revision),
          position: { commit: BigInt(row.transaction_id ?? 0), prepare: BigInt(row.global_position ?? 0) },
          alreadyAppended: row.outcome === 'already_appended',
        }));
      }),

    readStream: (streamId, { direction = 'forwards', fromRevision, maxCount = 2 ** 31 - 1 }: ReadStreamOptions = {}) =>
      guard(async () => {
        const forwards = direction === 'forwards';
        const rows = await db.query<EventRow>(
          `SELECT ${eventColumns} FROM event_store.events e
            WHERE e.stream_id = $1 AND ${forwards ? 'e.stream_revision >= $2' : 'e.stream_revision <= $2'}
            ORDER BY e.stream_revision ${forwards ? 'ASC' : 'DESC'} LIMIT $3`,
          [streamId, fromRevision ?? (forwards ? 0 : Number.MAX_SAFE_INTEGER), maxCount],
        );
        return rows.map(toRecordedEvent);
      }),

    readStreams: (streamIds) =>
      guard(async () => {
        if (streamIds.length === 0) return [];
        const rows = await db.query<EventRow>(
          `SELECT ${eventColumns} FROM event_store.events e
            WHERE e.stream_id = ANY($1::text[])
            ORDER BY e.stream_id, e.stream_revision`,
          [[...new Set(streamIds)]],
          { name: 'event_store.read_streams' },
        );
        const byStream = new Map<string, RecordedEvent[]>();
        for (const row of rows) {
          const event = toRecordedEvent(row);
          const events = byStream.get(event.streamId);
          if (events) events.push(event);
          else byStream.set(event.streamId, [event]);
        }
        return streamIds.map((id) => [...(byStream.get(id) ?? [])]);
      }),

    readAll,
    readAllPage,

    subscribeToAll: (options) =>
      subscribeByPolling(
        {
          readAllPage,
          headPosition: () => guard(headPosition),
          waitForAppend: (ms, abort) => signal.wait(ms, abort),
        },
        { pageSize: settings.pageSize ?? 1000, pollIntervalMs: settings.pollIntervalMs ?? 50 },
        options,
      ),

    truncateStream: (streamId, beforeRevision) => deleting(guard(() => truncateStream(db, streamId, beforeRevision))),
    deleteStream: (streamId, options = {}) => deleting(guard(() => deleteStream(db, streamId, options))),

    async health() {
      try {
        await db.query('SELECT 1');
        return { ok: true, backend };
      } catch (error) {
        return { ok: false, backend, detail: error instanceof Error ? error.message : String(error) };
      }
    },

    close: async () => {},
  };

  /** `append_many` raises HUB01 "<index> <outcome> <revision>" for the entry that failed. */
  function batchFailure(error: unknown, appends: readonly StreamAppend[]): unknown {
    if (isEventIdConflict(error)) {
      // Another append took an id between the check and the insert: which entry is not known.
      return duplicateEventId(
        appends.map((a) => a.streamId).join(', '),
        appends.flatMap((a) => a.events.map((e) => e.id)),
      );
    }
    const failed =
      (error as { code?: string }).code === 'HUB01'
        ? /^(\d+) (\w+) (-?\d*)/.exec(error instanceof Error ? error.message : '')
        : null;
    const entry = failed ? appends[Number(failed[1])] : undefined;
    if (!failed || !entry) return error;
    const actual = Number(failed[3] || -1);
    switch (failed[2]) {
      case 'duplicate_event_id':
        return duplicateEventId(
          entry.streamId,
          entry.events.map((e) => e.id),
        );
      case 'stream_deleted':
        return streamDeleted(entry.streamId);
      default:
        return wrongExpectedRevision(entry.streamId, entry.expectedRevision ?? 'any', actual < 0 ? null : actual);
    }
  }

  async function headPosition(): Promise<GlobalPosition> {
    const [row] = await db.query<{ transaction_id: string; global_position: string }>(headSql);
    return row ? { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) } : startOfAll;
  }

  return store;
}
