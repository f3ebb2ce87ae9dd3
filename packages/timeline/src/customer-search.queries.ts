import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';
import { reversedDigits } from './search-terms.ts';
import { searchable } from './searchable-text.ts';
import { type CustomerView, type CustomerViewRow, customerView, customerViewColumns } from './timeline.queries.ts';

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

/**
 * Names and handles are looked for by trigrams too; an address (`@`) or a phone number is not:
 * its exact and prefix matches are its answer, and its trigrams are everybody's.
 */
const mayBeSimilar = (folded: string) =>
  TRIGRAM.test(folded) && !folded.includes('@') && phoneTails(folded).length === 0;

/**
 * The statement and its parameters: only the branches this query can use, each on an index.
 * `similar`: with the trigram branches (rank 2), else exact and prefix matches only.
 */
function searchStatement(search: CustomerSearch, folded: string, after: Cursor | undefined, similar: boolean) {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const terms = 'read_models.customer_search_terms';
  const compact = folded.replaceAll(' ', '');
  const typed = [...new Set([folded, compact])];
  // The first page, the one agents read: the words equal to what was typed (prefix matches of
  // score 1, ranked among themselves by customer id) are read in that order only as far as a page
  // goes (the index on term, kind and customer id), not all of them: a family name is a word of
  // thousands of customers. When they fill the page there is no room for their lesser matches;
  // when they do not, all were read, so each customer still shows once, at their best. Later
  // pages read every match (the cursor's page must know each customer's best).
  const firstPage = after === undefined;
  const typedParam = p(typed);
  const exactKinds = p(['name', 'compact', 'email', 'handle', 'handle_id']);
  const branches = [
    `SELECT customer_id, 0 AS rank, 1::numeric AS score FROM ${terms}
      WHERE term = ANY(${typedParam}::text[]) AND kind = ANY(${exactKinds}::text[])`,
  ];
  const phone = search.phone?.replace(/\D/g, '');
  const phoneParam = phone ? p(phone) : undefined;
  if (phoneParam) branches.push(`SELECT customer_id, 0, 1 FROM ${terms} WHERE term = ${phoneParam} AND kind = 'phone'`);
  const prefixKinds = p(['name', 'word', 'compact', 'email', 'handle', 'handle_id']);
  if (firstPage) {
    const exact = `x.term = ANY(${typedParam}::text[]) AND x.kind = ANY(${exactKinds}::text[])`;
    const exactly = phoneParam ? `(${exact}) OR (x.term = ${phoneParam} AND x.kind = 'phone')` : exact;
    // A word has no space: only what was typed without one can equal it.
    for (const value of typed.filter((v) => !v.includes(' '))) {
      branches.push(`(SELECT customer_id, 1, 1::numeric FROM ${terms} t WHERE term = ${p(value)} AND kind = 'word'
        AND NOT EXISTS (SELECT 1 FROM ${terms} x WHERE x.customer_id = t.customer_id AND (${exactly}))
      ORDER BY customer_id LIMIT ${p(search.limit + 1)})`);
    }
  }
  for (const prefix of typed) {
    const q = p(prefix);
    // On the first page the terms equal to the query were read above (exact matches, equal words).
    branches.push(`SELECT customer_id, 1, char_length(${q})::numeric / char_length(term) FROM ${terms}
      WHERE term ${firstPage ? '>' : '>='} ${q} AND term < ${q} || ${TOP} AND kind = ANY(${prefixKinds}::text[])`);
  }
  for (const digits of phoneTails(folded)) {
    const tail = p(reversedDigits(digits));
    branches.push(`SELECT customer_id, 1, char_length(${tail})::numeric / char_length(term) FROM ${terms}
      WHERE term >= ${tail} AND term < ${tail} || ${TOP} AND kind = 'phone_tail'`);
  }
  if (similar) {
    // Contains, on names and handles; close in spelling (word similarity), on names only. Two
    // branches, not one OR: each is one condition on the trigram index, which the planner keeps
    // without statistics. The kinds are literals, so that the partial index is seen to apply.
    const q = p(folded);
    branches.push(`SELECT customer_id, 2, word_similarity(${q}, term)::numeric FROM ${terms}
      WHERE term LIKE ${p(`%${escapeLike(folded)}%`)} AND kind IN ('name', 'handle')`);
    branches.push(`SELECT customer_id, 2, word_similarity(${q}, term)::numeric FROM ${terms}
      WHERE term %> ${q} AND kind = 'name'`);
  }
  const page = after
    ? `WHERE (b.rank > ${p(after[0])}::int OR (b.rank = $${params.length}::int AND (b.score < ${p(after[1])}::numeric
         OR (b.score = $${params.length}::numeric AND b.customer_id > ${p(after[2])}))))`
    : '';
  // The page is chosen before customers are read: a common name's hundreds of matches are ranked
  // on the terms alone. Merged and erased customers have no terms; the join's filter only guards.
  const sql = `
    WITH matched AS (${branches.join('\n UNION ALL ')}),
    best AS (
      SELECT DISTINCT ON (customer_id) customer_id, rank, round(score, 4) AS score
        FROM matched ORDER BY customer_id, rank, score DESC
    ),
    chosen AS (
      SELECT b.customer_id, b.rank, b.score FROM best b ${page}
       ORDER BY b.rank, b.score DESC, b.customer_id LIMIT ${p(search.limit + 1)}
    )
    SELECT b.rank, b.score::text AS score, ${customerViewColumns}
      FROM chosen b JOIN read_models.customers c ON c.customer_id = b.customer_id
     WHERE c.merged_into IS NULL AND c.erased_at IS NULL
     ORDER BY b.rank, b.score DESC, b.customer_id`;
  return { sql, params };
}

/**
 * Customers by name (Persian or Latin script), email (whole or prefix), phone (any written form,
 * or its last seven digits or more) or channel handle, folded alike on both sides. Exact matches
 * first, then prefixes (the closer to the whole term, the earlier), then names and handles that
 * contain the query or are similar to it (trigram word similarity, three characters or more);
 * ties by customer id. Every branch reads an index of
 * `customer_search_terms`; merged and erased customers have no terms there.
 */
export async function searchCustomers(db: SqlExecutor, search: CustomerSearch): Promise<CustomerSearchPage> {
  const folded = searchable(search.text);
  if (!folded) throw new HubError('INVALID_INPUT', 'q has nothing to search for once spaces and marks are left out');
  const after = search.cursor ? decodeCursor(search.cursor) : undefined;
  const similar = mayBeSimilar(folded);
  type Row = CustomerViewRow & { rank: number; score: string };
  // Exact and prefix matches first: when they fill the page, no similar name could be on it (it
  // ranks after them all), and the trigram index, the dearest to ask, is not asked.
  let rows: Row[] = [];
  if (!similar || (after?.[0] ?? 0) < 2) {
    const { sql, params } = searchStatement(search, folded, after, false);
    rows = await db.query<Row>(sql, params);
  }
  if (similar && rows.length <= search.limit) {
    const { sql, params } = searchStatement(search, folded, after, true);
    rows = await db.query<Row>(sql, params);
  }
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    customers: page.map((row) => ({ ...customerView(row), match: MATCHES[row.rank] ?? 'similar' })),
    nextCursor:
      rows.length > search.limit && last ? encodeCursor([Number(last.rank), last.score, last.customer_id]) : null,
  };
}
