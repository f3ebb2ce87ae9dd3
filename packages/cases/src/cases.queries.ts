import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';

export interface CaseFilter {
  readonly status?: string;
  readonly kind?: string;
  readonly ownerId?: string;
  /** The customer's cases and those of customers merged into it. */
  readonly customerIds?: readonly string[];
  readonly conversationId?: string;
  /** Only cases not closed. */
  readonly openOnly?: boolean;
  readonly limit?: number;
  readonly cursor?: string;
}

export interface CaseSummary {
  readonly id: string;
  readonly number: string;
  readonly kind: string;
  readonly status: string;
  readonly customerId: string;
  readonly ownerId: string | null;
  readonly subject: string;
  readonly orderReference: string | null;
  readonly conversationIds: string[];
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  /** Send it back as the revision you saw with any change to the case. */
  readonly revision: number;
}

export interface CaseItem {
  readonly revision: number;
  readonly kind: string;
  readonly actor: unknown;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

export interface CaseView extends CaseSummary {
  readonly description: string | null;
  readonly items: CaseItem[];
}

interface CaseRow {
  case_id: string;
  case_number: string;
  kind: string;
  status: string;
  customer_id: string;
  owner_id: string | null;
  subject: string;
  description: string | null;
  order_reference: string | null;
  conversation_ids: string[];
  opened_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  revision: number;
}

const iso = (d: Date) => new Date(d).toISOString();

const toSummary = (r: CaseRow): CaseSummary => ({
  id: r.case_id,
  number: r.case_number,
  kind: r.kind,
  status: r.status,
  customerId: r.customer_id,
  ownerId: r.owner_id,
  subject: r.subject,
  orderReference: r.order_reference,
  conversationIds: r.conversation_ids,
  openedAt: iso(r.opened_at),
  updatedAt: iso(r.updated_at),
  closedAt: r.closed_at ? iso(r.closed_at) : null,
  revision: r.revision,
});

interface Cursor {
  readonly at: string;
  readonly id: string;
}
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.id !== 'string' || Number.isNaN(Date.parse(cursor.at))) throw new Error();
    return cursor;
  } catch {
    throw new HubError('INVALID_INPUT', 'cursor is not one this hub gave out');
  }
}

/** Cases matching every filter given, most recently changed first, in keyset pages. */
export async function listCases(
  db: SqlExecutor,
  filter: CaseFilter,
): Promise<{ cases: CaseSummary[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.status) where.push(`status = ${next(filter.status)}`);
  if (filter.openOnly) where.push("status <> 'closed'");
  if (filter.kind) where.push(`kind = ${next(filter.kind)}`);
  if (filter.ownerId) where.push(`owner_id = ${next(filter.ownerId)}`);
  if (filter.customerIds) where.push(`customer_id = ANY(${next(filter.customerIds)}::text[])`);
  if (filter.conversationId) where.push(`conversation_ids @> ARRAY[${next(filter.conversationId)}]::text[]`);
  if (filter.cursor) {
    const cursor = decodeCursor(filter.cursor);
    where.push(`(updated_at, case_id) < (${next(cursor.at)}::timestamptz, ${next(cursor.id)})`);
  }
  const limit = filter.limit ?? 50;
  const rows = await db.query<CaseRow>(
    `SELECT * FROM read_models.cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY updated_at DESC, case_id DESC LIMIT ${next(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    cases: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: iso(last.updated_at), id: last.case_id }) : null,
  };
}

async function caseView(db: SqlExecutor, row: CaseRow | undefined): Promise<CaseView | undefined> {
  if (!row) return undefined;
  const items = await db.query<{
    revision: number;
    kind: string;
    actor: unknown;
    at: Date;
    data: Record<string, unknown>;
  }>('SELECT revision, kind, actor, at, data FROM read_models.case_items WHERE case_id = $1 ORDER BY revision', [
    row.case_id,
  ]);
  return {
    ...toSummary(row),
    description: row.description,
    items: items.map((i) => ({ revision: i.revision, kind: i.kind, actor: i.actor, at: iso(i.at), data: i.data })),
  };
}

/** The case with its history (status changes, owners, links and notes) in order. */
export async function findCase(db: SqlExecutor, caseId: string): Promise<CaseView | undefined> {
  const [row] = await db.query<CaseRow>('SELECT * FROM read_models.cases WHERE case_id = $1', [caseId]);
  return caseView(db, row);
}

/** The same, by its number (`C-2026-000042`, any case). */
export async function findCaseByNumber(db: SqlExecutor, caseNumber: string): Promise<CaseView | undefined> {
  const [row] = await db.query<CaseRow>('SELECT * FROM read_models.cases WHERE case_number = $1', [
    caseNumber.toUpperCase(),
  ]);
  return caseView(db, row);
}

/** Erasure: the read rows of these customers' cases go; their streams stay, sealed with destroyed keys. */
export async function purgeCustomerCases(db: SqlExecutor, customerIds: readonly string[]): Promise<void> {
  await db.query(
    `DELETE FROM read_models.case_items WHERE case_id IN
       (SELECT case_id FROM read_models.cases WHERE customer_id = ANY($1::text[]))`,
    [customerIds],
  );
  await db.query('DELETE FROM read_models.cases WHERE customer_id = ANY($1::text[])', [customerIds]);
}
