import { searchable } from './searchable-text.ts';

/**
 * What customer search compares a query with, one row each, folded by `searchable`:
 * - `name`: a whole name; `word`: each word of it; `compact`: the name without spaces (a name typed
 *   with a zero-width non-joiner, «علی‌کریمی», or run together, meets «علی کریمی»);
 * - `email`, `handle` (`telegram:4242`) and `handle_id` (`4242`);
 * - `phone`: the E.164 digits; `phone_tail`: the same reversed, so "ends with" is a prefix on an index.
 */
export type SearchTermKind = 'name' | 'word' | 'compact' | 'email' | 'handle' | 'handle_id' | 'phone' | 'phone_tail';

export interface SearchTerm {
  readonly kind: SearchTermKind;
  readonly term: string;
}

/** Digits of a phone number read backwards: its last digits become a prefix. */
export const reversedDigits = (digits: string): string => [...digits].reverse().join('');

function termsOfName(name: string): SearchTerm[] {
  const folded = searchable(name);
  if (!folded) return [];
  const words = folded.split(' ');
  return [
    { kind: 'name', term: folded },
    ...words.map((word): SearchTerm => ({ kind: 'word', term: word })),
    { kind: 'compact', term: words.join('') },
  ];
}

function termsOfIdentifier(kind: string, value: string): SearchTerm[] {
  if (kind === 'phone') {
    const digits = searchable(value).replace(/\D/g, '');
    return digits
      ? [
          { kind: 'phone', term: digits },
          { kind: 'phone_tail', term: reversedDigits(digits) },
        ]
      : [];
  }
  const folded = searchable(value);
  if (!folded) return [];
  if (kind === 'email') return [{ kind: 'email', term: folded }];
  const id = folded.slice(folded.indexOf(':') + 1);
  return [{ kind: 'handle', term: folded }, ...(id ? [{ kind: 'handle_id' as const, term: id }] : [])];
}

/** Every term of a customer (its own name, the names of those merged into it, its identifiers), once. */
export function searchTermsOf(
  names: readonly (string | null)[],
  identifiers: readonly { kind: string; value: string }[],
): SearchTerm[] {
  const terms = [
    ...names.flatMap((name) => (name ? termsOfName(name) : [])),
    ...identifiers.flatMap((identifier) => termsOfIdentifier(identifier.kind, identifier.value)),
  ];
  const seen = new Map(terms.map((t) => [`${t.kind}\u0000${t.term}`, t]));
  return [...seen.values()];
}
