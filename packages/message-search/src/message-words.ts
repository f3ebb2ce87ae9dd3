import { searchable } from '@hub/timeline';

/**
 * A word of a message as written, where it stands in the text, and the folded lexemes it is
 * indexed under. The hub splits words itself (rather than PostgreSQL's text-search parser) so
 * that the index, the query and the highlight agree, and so that PostgreSQL and PGlite agree:
 * the parser's idea of a letter follows the database's locale (C on PGlite), which would split
 * Persian differently from one to the other.
 */
export interface MessageWord {
  readonly start: number;
  readonly end: number;
  readonly lexemes: readonly string[];
}

// Letters, marks and digits of any script; format characters (ZWNJ, direction marks) keep a
// Persian word whole, as folding then removes them.
const WORD = /[\p{L}\p{M}\p{N}\p{Cf}]+/gu;
const NOT_LEXEME = /[^\p{L}\p{M}\p{N}]+/u;
/** Longer runs (encoded blobs, hashes) are not words anyone searches for. */
export const MAX_LEXEME_LENGTH = 64;

export function wordsOf(text: string): MessageWord[] {
  const words: MessageWord[] = [];
  for (const match of text.matchAll(WORD)) {
    const lexemes = searchable(match[0])
      .split(NOT_LEXEME)
      .filter((lexeme) => lexeme.length > 0 && lexeme.length <= MAX_LEXEME_LENGTH);
    if (lexemes.length > 0) words.push({ start: match.index, end: match.index + match[0].length, lexemes });
  }
  return words;
}

/** The distinct folded lexemes of these texts: what a message is indexed under. */
export const lexemesOf = (...texts: readonly string[]): string[] => [
  ...new Set(texts.flatMap((text) => wordsOf(text).flatMap((word) => word.lexemes))),
];

/** Terms this long or longer also find words they begin (`کتاب` finds `کتاب‌ها`). */
export const PREFIX_MIN_LENGTH = 3;

/** What a search asks for: every term must be in the message, as a word or a word's beginning. */
export interface MessageQuery {
  readonly terms: readonly string[];
}

export const messageQueryOf = (q: string): MessageQuery => ({ terms: lexemesOf(q) });

const isPrefixTerm = (term: string) => term.length >= PREFIX_MIN_LENGTH;

export const matchesTerm = (lexeme: string, term: string): boolean =>
  isPrefixTerm(term) ? lexeme.startsWith(term) : lexeme === term;

/**
 * The query as tsquery text, every lexeme quoted (a quote doubled, a backslash escaped), so no
 * character of what the agent typed is ever read as an operator. Cast with `::tsquery`, which
 * takes quoted lexemes as they are.
 */
export function tsqueryOf(query: MessageQuery): string {
  return query.terms
    .map((term) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'${isPrefixTerm(term) ? ':*' : ''}`)
    .join(' & ');
}
