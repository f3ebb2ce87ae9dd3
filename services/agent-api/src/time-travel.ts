import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { customerStream, type RecordedEvent } from '@hub/events';
import type { SqlExecutor } from '@hub/sql';
import type { TimelineCursor, TimelineEntry } from '@hub/timeline';
import { mergeRelations } from './erasure-scope.ts';
import { type CustomersAt, foldCustomers, recordedBy } from './time-travel.fold.ts';

export interface TimeTravelDependencies {
  /** The sealing store: personal fields open for reading, an erased customer's read as redacted. */
  readonly store: EventStore;
  readonly readModels: SqlExecutor;
  readonly now: () => Date;
}

/** The customers around one customer at an instant, and each one's whole stream as it is now. */
export interface CustomersAsOf {
  readonly asOf: Date;
  readonly at: CustomersAt;
  /** Every stream read, whole (not cut at the instant). */
  readonly histories: ReadonlyMap<string, readonly RecordedEvent[]>;
  /** Customers erased by now, whenever: erasure applies to past views too. */
  readonly erased: ReadonlySet<string>;
}

/** An instant to travel to: in the past (the present is the live read model's). */
export function checkAsOf(asOf: string, now: Date): Date {
  const instant = new Date(asOf);
  if (instant.getTime() > now.getTime())
    throw new HubError(
      'INVALID_INPUT',
      `invalid query: asOf ${asOf} is in the future; the present is the view without asOf`,
    );
  return instant;
}

const wasErased = (history: readonly RecordedEvent[]) => history.some((event) => event.type === 'CustomerErased');

/**
 * Reads the streams of the customer and of everyone merged with it at the instant (its survivor
 * then, and everyone merged into either), each once and whole, and folds them cut at the instant.
 * Who is merged with whom at the instant is read from the streams cut there (both sides of a merge
 * record it), so a merge or unmerge after it is not followed. `alsoRead` adds streams to the
 * fold (merge candidates, to show them as they stood).
 */
export async function customersAsOf(
  deps: Pick<TimeTravelDependencies, 'store' | 'readModels'>,
  customerId: string,
  asOf: Date,
  alsoRead: (at: CustomersAt) => readonly string[] = () => [],
): Promise<CustomersAsOf> {
  const histories = new Map<string, readonly RecordedEvent[]>();
  const pending = [customerId];
  // A merge recorded before merges were told on both sides is on the survivor's stream only; the
  // read model still knows the survivor. Reading one more stream is harmless: the fold decides.
  const [hint] = await deps.readModels.query<{ merged_into: string | null }>(
    'SELECT merged_into FROM read_models.customers WHERE customer_id = $1',
    [customerId],
  );
  if (hint?.merged_into) pending.push(hint.merged_into);
  const read = async (ids: readonly string[]) => {
    const queue = [...ids];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (histories.has(id)) continue;
      const history = await deps.store.readStream(customerStream(id));
      histories.set(id, history);
      const { survivor, merged } = mergeRelations(id, recordedBy(history, asOf));
      queue.push(...(survivor ? [survivor] : []), ...merged);
    }
  };
  await read(pending);
  let folded = fold(histories, asOf);
  const more = alsoRead(folded.at).filter((id) => !histories.has(id));
  if (more.length > 0) {
    for (const id of more) histories.set(id, await deps.store.readStream(customerStream(id)));
    folded = fold(histories, asOf);
  }
  return { asOf, histories, ...folded };
}

function fold(histories: ReadonlyMap<string, readonly RecordedEvent[]>, asOf: Date) {
  const cut = new Map([...histories].map(([id, history]) => [id, recordedBy(history, asOf)] as const));
  const erased = new Set([...histories].filter(([, history]) => wasErased(history)).map(([id]) => id));
  return { at: foldCustomers(cut, erased), erased };
}

/** `GET /v1/customers/:id?asOf=`: the customer's row then, shaped as the live answer, with its stream's revision then. */
export async function customerAsOf(deps: Pick<TimeTravelDependencies, 'store' | 'readModels'>, id: string, asOf: Date) {
  const { at, histories } = await customersAsOf(deps, id, asOf);
  const row = at.customer(id);
  if (!row) throw new HubError('NOT_FOUND', `no customer ${id} at ${asOf.toISOString()}`);
  const own = recordedBy(histories.get(id) ?? [], asOf);
  const timeline = at.timelineOf(id);
  return {
    id,
    displayName: row.displayName,
    firstChannel: row.firstChannel,
    createdAt: row.createdAt.toISOString(),
    lastInteractionAt: timeline[0]?.occurredAt ?? null,
    interactionCount: timeline.length,
    mergedInto: row.mergedInto,
    erased: row.erased,
    identifiers: at.identifiersOf(id),
    mergeCandidates: [...new Set(at.candidatesOf([id]).map((c) => c.candidateId))].sort(),
    revision: own.at(-1)?.revision ?? -1,
    asOf: asOf.toISOString(),
  };
}

/**
 * `GET /v1/customers/:id/timeline?asOf=`: the timeline of whoever stood for the customer then (its
 * survivor, if it had been merged), with exactly the interactions that were theirs then. Newest
 * first; `after` and `limit` page it as the live timeline is paged. The streams are read and folded
 * once per page: a page is cut from the whole timeline held in memory.
 */
export async function timelineAsOf(
  deps: Pick<TimeTravelDependencies, 'store' | 'readModels'>,
  id: string,
  asOf: Date,
  page: { readonly limit: number; readonly after?: TimelineCursor },
): Promise<{ customerId: string; entries: TimelineEntry[] }> {
  const { at } = await customersAsOf(deps, id, asOf);
  if (!at.customer(id)) throw new HubError('NOT_FOUND', `no customer ${id} at ${asOf.toISOString()}`);
  const owner = at.survivorOf(id);
  const after = page.after;
  const entries = at
    .timelineOf(owner)
    .filter((entry) => after === undefined || isBefore(entry, after))
    .slice(0, page.limit);
  return { customerId: owner, entries };
}

/** Whether an entry comes after the cursor in newest-first order (older, or as old with a smaller id). */
function isBefore(entry: TimelineEntry, cursor: TimelineCursor): boolean {
  const [a, b] = [Date.parse(entry.occurredAt), Date.parse(cursor.occurredAt)];
  return a < b || (a === b && entry.interactionId < cursor.interactionId);
}
