import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';

/** Whose actions: exactly one of actor, conversation, customer (each has its index). */
export type AuditFilter =
  | { readonly actorId: string }
  | { readonly conversationId: string }
  | { readonly customerId: string };

export interface AuditQuery {
  readonly limit: number;
  readonly cursor?: string;
}

export interface AuditEntry {
  readonly eventType: string;
  readonly actor: { readonly kind: 'user' | 'system'; readonly id: string };
  readonly streamId: string;
  readonly revision: number;
  readonly conversationId: string | null;
  readonly customerId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly recordedAt: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor: string | null;
}

interface AuditRow {
  commit_position: string;
  prepare_position: string;
  stream_id: string;
  revision: number;
  event_type: string;
  actor_kind: 'user' | 'system';
  actor_id: string;
  conversation_id: string | null;
  customer_id: string | null;
  details: Record<string, unknown>;
  recorded_at: Date | string;
}

/** Opaque to clients: base64url of the last entry's global position. */
const encodeCursor = (row: AuditRow) =>
  Buffer.from(JSON.stringify([String(row.commit_position), String(row.prepare_position)])).toString('base64url');

function decodeCursor(text: string): readonly [string, string] {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((part) => typeof part === 'string' && /^\d+$/.test(part))
    )
      return [value[0] as string, value[1] as string];
  } catch {}
  throw new HubError('INVALID_INPUT', 'invalid cursor: pass back the nextCursor of the previous page');
}

const columnOf = (filter: AuditFilter): readonly [string, string] =>
  'actorId' in filter
    ? ['actor_id', filter.actorId]
    : 'conversationId' in filter
      ? ['conversation_id', filter.conversationId]
      : ['customer_id', filter.customerId];

/** One page of the audit trail, newest first, by keyset on the global position (an index range scan). */
export async function listAuditTrail(db: SqlExecutor, filter: AuditFilter, query: AuditQuery): Promise<AuditPage> {
  const [column, value] = columnOf(filter);
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const params: unknown[] = [value, query.limit + 1];
  const after = cursor
    ? ` AND (commit_position, prepare_position) < ($${params.push(cursor[0])}::bigint, $${params.push(cursor[1])}::bigint)`
    : '';
  const rows = await db.query<AuditRow>(
    `SELECT commit_position::text, prepare_position::text, stream_id, revision, event_type, actor_kind, actor_id,
            conversation_id, customer_id, details, recorded_at
       FROM read_models.audit_trail
      WHERE ${column} = $1${after}
      ORDER BY commit_position DESC, prepare_position DESC
      LIMIT $2`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({
      eventType: row.event_type,
      actor: { kind: row.actor_kind, id: row.actor_id },
      streamId: row.stream_id,
      revision: row.revision,
      conversationId: row.conversation_id,
      customerId: row.customer_id,
      details: row.details,
      recordedAt: new Date(row.recorded_at).toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}
