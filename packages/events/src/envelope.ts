// The versioned envelope every event travels in, whatever store keeps it. `data` is the event's
// own body, validated against the schema of (`type`, `schemaVersion`); everything needed to trace,
// order and upcast it sits beside it.

/**
 * A place in the store's global order. Two numbers because both backends need two:
 * EventStoreDB's `$all` has `{commit, prepare}`; on PostgreSQL `commit` is the writing
 * transaction's id and `prepare` the row's sequence number (see docs/architecture.md).
 * Compare with `comparePositions`, never by one field.
 */
export type GlobalPosition = { readonly commit: bigint; readonly prepare: bigint };

export const startOfAll: GlobalPosition = Object.freeze({ commit: 0n, prepare: 0n });

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Checkpoints are stored as text: `commit/prepare`. */
export const formatPosition = (p: GlobalPosition): string => `${p.commit}/${p.prepare}`;

export function parsePosition(text: string): GlobalPosition {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match?.[1] || !match[2]) throw new TypeError(`not a global position: ${JSON.stringify(text)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** What a writer hands to the store. The id is deterministic where the source allows it. */
export interface EventToAppend<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly occurredAt: Date;
  readonly causationId?: string | null;
  readonly correlationId?: string | null;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What the store hands back: the envelope with where and when it was recorded. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly streamId: string;
  /** 0-based position of the event in its stream. */
  readonly revision: number;
  readonly position: GlobalPosition;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly causationId: string | null;
  readonly correlationId: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}
