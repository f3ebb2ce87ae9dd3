import { type MessageQuery, type MessageWord, matchesTerm, wordsOf } from './message-words.ts';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** The text as HTML text: nothing in a customer's message can become markup in the console. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const matches = (word: MessageWord, query: MessageQuery) =>
  word.lexemes.some((lexeme) => query.terms.some((term) => matchesTerm(lexeme, term)));

export interface SnippetSettings {
  /** Characters of text around the first match, at most. */
  readonly width: number;
  /** How much of that comes before the first match. */
  readonly lead: number;
}

const defaults: SnippetSettings = { width: 180, lead: 60 };

/**
 * A window of `text` around its first word the query matches, HTML-escaped, every matched word
 * in it wrapped in `<mark>…</mark>`, whitespace collapsed, `…` where it was cut. `undefined`
 * when no word of the text matches.
 */
export function highlightSnippet(text: string, query: MessageQuery, settings = defaults): string | undefined {
  const words = wordsOf(text);
  const firstMatch = words.findIndex((word) => matches(word, query));
  const first = words[firstMatch];
  if (!first) return undefined;
  // Start and end on word boundaries, so a cut never splits a letter (or a surrogate pair).
  const from = words.findIndex((word) => word.start >= first.start - settings.lead);
  // From the very beginning when no word is left out before it.
  const fromWord = words[Math.max(from, 0)] ?? first;
  const start = from <= 0 && fromWord.start <= settings.lead ? 0 : fromWord.start;
  const limit = start + settings.width;
  const inside = words.filter((word) => word.start >= start && (word.end <= limit || word === first));
  const lastWord = inside.at(-1) ?? first;
  const end = text.length <= limit ? text.length : lastWord.end;
  let html = '';
  let at = start;
  for (const word of inside) {
    if (!matches(word, query)) continue;
    html += `${escapeHtml(text.slice(at, word.start))}<mark>${escapeHtml(text.slice(word.start, word.end))}</mark>`;
    at = word.end;
  }
  html += escapeHtml(text.slice(at, end));
  const collapsed = html.replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${collapsed}${end < text.length ? '…' : ''}`;
}

/** The beginning of a text, escaped, when the match was elsewhere. */
export function plainSnippet(text: string, settings = defaults): string {
  const words = wordsOf(text);
  const limit = settings.width;
  if (text.length <= limit) return escapeHtml(text).replace(/\s+/g, ' ').trim();
  const end = words.filter((word) => word.end <= limit).at(-1)?.end ?? limit;
  return `${escapeHtml(text.slice(0, end)).replace(/\s+/g, ' ').trim()}…`;
}
