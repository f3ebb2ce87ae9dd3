import type { ParsedMail } from 'mailparser';

/**
 * A header exactly as the sender wrote it, unfolded: mailparser's parsed values are convenient
 * but lossy (an unparseable Date becomes "now", References may be split or not), and ids and
 * dates must come out the same every time the same bytes are parsed.
 */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((header) => header.key === name)?.line;
  if (line === undefined) return undefined;
  const value = line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
  return value.length > 0 ? value : undefined;
}

/** A structured or plain header value as mailparser decoded it (RFC 2047 words resolved). */
export function decodedHeader(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return undefined;
}

/** `<id@host>` tokens of a Message-ID, In-Reply-To or References header, in order. */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  // Some broken clients drop the brackets; one bare token is still clearly meant as an id.
  const bare = value.trim();
  return /^[^\s<>]+@[^\s<>]+$/.test(bare) ? [`<${bare}>`] : [];
}

/**
 * The thread root: References starts with the first message of the thread (RFC 5322 3.6.4 asks
 * clients to keep it when they trim the list), else the parent, else the message itself. Every
 * reply in a thread then maps to the same conversation.
 */
export function threadRootOf(ids: { references: readonly string[]; inReplyTo: string | null; own: string }): string {
  return ids.references[0] ?? ids.inReplyTo ?? ids.own;
}

/** The Date header as written; `undefined` when missing or not a date (then receipt time is used). */
export function sentAtOf(mail: ParsedMail): Date | undefined {
  const value = rawHeader(mail, 'date');
  if (!value) return undefined;
  // A date is some 40 characters; a longer value is a sender's padding, not a date.
  if (value.length > MAX_DATE_LENGTH) return undefined;
  const time = Date.parse(withoutComments(value).trim());
  return Number.isNaN(time) ? undefined : new Date(time);
}

const MAX_DATE_LENGTH = 256;

/**
 * Drops RFC 5322 comments ("(UTC)", "(IRST)", nested ones): allowed in a Date header, but they
 * confuse Date.parse. One pass, nesting counted: `/\([^)]*\)/g` rescans the rest of the value from
 * every unclosed "(".
 */
function withoutComments(value: string): string {
  let depth = 0;
  let kept = '';
  for (const char of value) {
    if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) {
      depth -= 1;
      if (depth === 0) kept += ' ';
    } else if (depth === 0) kept += char;
  }
  return kept;
}
