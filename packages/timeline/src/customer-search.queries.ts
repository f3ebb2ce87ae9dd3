import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';
import { reversedDigits } from './search-terms.ts';
import { searchable } from './searchable-text.ts';
import { type CustomerRow, type CustomerView, customerColumns, customerViews } from './timeline.queries.ts';

export interface CustomerSearch {
  /** What the agent typed; folded here as the stored terms were. */
  readonly text: string;
  /** The query as an E.164 number, when the caller could read one in it (it knows the default region). */
  readonly phone?: string | null;
  readonly limit: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export type CustomerMatch = 'exact' | 'prefix' | 'similar';

export interface CustomerSearchPage {
  readonly customers: (CustomerView & { readonly match: CustomerMatch })[];
  readonly nextCursor: string | null;
}

const MATCHES: CustomerMatch[] = ['exact', 'prefix', 'similar'];
/**
 * Trigrams need three letters or digits in a row (pg_trgm skips punctuation); a query without
 * such a run (`al`, `%_\\`, `a.b`) matches exactly or as a prefix only, on the btree.
 */
export const SIMILARITY_MIN_LENGTH = 3;
const TRIGRAM = new RegExp(`[\\p{L}\\p{N}]{${SIMILARITY_MIN_LENGTH}}`, 'u');
/** A phone number's last seven digits or more find it; fewer would match half the customers. */
export const PHONE_TAIL_MIN_DIGITS = 7;
/** Above every character in the C collation: `term >= q AND term < q || TOP` is "starts with q". */
const TOP = 'chr(1114111)';

type Cursor = [rank: number, score: string, customerId: string];

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(cursor: string): Cursor {
  try {
    const [rank, score, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof rank === 'number' && [0, 1, 2].includes(rank) && typeof id === 'string')
      if (typeof score === 'string' && /^\d(\.\d{1,4})?$/.test(score)) return [rank, score, id];
  } catch {}
  throw new HubError('INVALID_INPUT', 'invalid cursor: pass back the nextCursor of the previous page');
}

/**
 * The digits a phone number may end with, when the query reads as one (any script, any spacing):
 * as typed, and without the leading zeros of a trunk (`0912…`) or international (`0098…`) prefix.
 */
function phoneTails(folded: string): string[] {
  if (!/^\+?[\d\s\-().]+$/.test(folded)) return [];
  const digits = folded.replace(/\D/g, '');
  return [...new Set([digits, digits.replace(/^0+/, '')])].filter((d) => d.length >= PHONE_TAIL_MIN_DIGITS);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The statement and its parameters: only the branches this query can use, each on an index. */
function searchStatement(search: CustomerSearch, folded: string, after: Cursor | undefined) {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const terms = 'read_models.customer_search_terms';
  const compact = folded.replaceAll(' ', '');
  const typed = [...new Set([folded, compact])];
  const branches = [
    `SELECT customer_id, 0 AS rank, 1::numeric AS score FROM ${terms}
      WHERE term = ANY(${p(typed)}::text[]) AND kind = ANY(${p(['name', 'compact', 'email', 'handle', 'handle_id'])}::text[])`,
  ];
  const phone = search.phone?.replace(/\D/g, '');
  if (phone) branches.push(`SELECT customer_id, 0, 1 FROM ${terms} WHERE term = ${p(phone)} AND kind = 'phone'`);
  const prefixKinds = p(['name', 'word', 'compact', 'email', 'handle', 'handle_id']);
  for (const prefix of typed) {
    const q = p(prefix);
    branches.push(`SELECT customer_id, 1, char_length(${q})::numeric / char_length(term) FROM ${terms}
      WHERE term >= ${q} AND term < ${q} || ${TOP} AND kind = ANY(${prefixKinds}::text[])`);
  }
  for (const digits of phoneTails(folded)) {
    const tail = p(reversedDigits(digits));
    branches.push(`SELECT customer_id, 1, char_length(${tail})::numeric / char_length(term) FROM ${terms}
      WHERE term >= ${tail} AND term < ${tail} || ${TOP} AND kind = 'phone_tail'`);
  }
  if (TRIGRAM.test(folded)) {
    // Contains, on names and identifiers; close in spelling (word similarity), on names only: two
    // addresses at one domain are alike in trigrams and nothing else. Two branches, not one OR:
    // each is one condition on the trigram index, which the planner keeps without statistics.
    const q = p(folded);
    branches.push(`SELECT customer_id, 2, word_similarity(${q}, term)::numeric FROM ${terms}
      WHERE term LIKE ${p(`%${escapeLike(folded)}%`)} AND kind = ANY(${p(['name', 'email', 'handle'])}::text[])`);
    branches.push(`SELECT customer_id, 2, word_similarity(${q}, term)::numeric FROM ${terms}
      WHERE term %> ${q} AND kind = 'name'`);
  }
  const page = after
    ? `AND (b.rank > ${p(after[0])}::int OR (b.rank = $${params.length}::int AND (b.score < ${p(after[1])}::numeric
         OR (b.score = $${params.length}::numeric AND b.customer_id > ${p(after[2])}))))`
    : '';
  const sql = `
    WITH matched AS (${branches.join('\n UNION ALL ')}),
    best AS (
      SELECT DISTINCT ON (customer_id) customer_id, rank, round(score, 4) AS score
        FROM matched ORDER BY customer_id, rank, score DESC
    )
    SELECT b.rank, b.score::text AS score, ${customerColumns.replaceAll(/(\w+)/g, 'c.$1')}
      FROM best b JOIN read_models.customers c ON c.customer_id = b.customer_id
     WHERE c.merged_into IS NULL AND c.erased_at IS NULL ${page}
     ORDER BY b.rank, b.score DESC, b.customer_id LIMIT ${p(search.limit + 1)}`;
  return { sql, params };
}

/**
 * Customers by name (Persian or Latin script), email (whole or prefix), phone (any written form,
 * or its last seven digits or more) or channel handle, folded alike on both sides. Exact matches
 * first, then prefixes (the closer to the whole term, the earlier), then similar names (trigram
 * word similarity, three characters or more); ties by customer id. Every branch reads an index of
 * `customer_search_terms`; merged and erased customers have no terms there.
 */
export async function searchCustomers(db: SqlExecutor, search: CustomerSearch): Promise<CustomerSearchPage> {
  const folded = searchable(search.text);
  if (!folded) throw new HubError('INVALID_INPUT', 'q has nothing to search for once spaces and marks are left out');
  const { sql, params } = searchStatement(search, folded, search.cursor ? decodeCursor(search.cursor) : undefined);
  const rows = await db.query<CustomerRow & { rank: number; score: string }>(sql, params);
  const page = rows.slice(0, search.limit);
  const views = await customerViews(db, page);
  const last = page.at(-1);
  return {
    customers: views.map((view, n) => ({ ...view, match: MATCHES[page[n]?.rank ?? 2] ?? 'similar' })),
    nextCursor:
      rows.length > search.limit && last ? encodeCursor([Number(last.rank), last.score, last.customer_id]) : null,
  };
}
