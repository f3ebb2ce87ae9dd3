import { HubError } from '@hub/errors';

// A field name is printable US-ASCII without the colon (RFC 5322 2.2); folded lines start with
// whitespace. mailparser accepts anything (prose becomes a body without headers), so this check
// is what tells a message from something that is not one.
const FIELD = /^[!-9;-~]+:/;
const MAX_HEADER_BYTES = 1024 * 1024;

function headerSection(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((at) => at >= 0);
  // A message may consist of headers only; then all of it is the header section.
  const end = ends.length > 0 ? Math.min(...ends) : raw.length;
  return raw.subarray(0, Math.min(end, MAX_HEADER_BYTES));
}

/** Throws INVALID_INPUT when the bytes cannot be an Internet message at all. */
export function assertLooksLikeMessage(raw: Buffer): void {
  if (raw.length === 0) throw new HubError('INVALID_INPUT', 'the message is empty');
  const head = headerSection(raw);
  if (head.includes(0)) throw new HubError('INVALID_INPUT', 'not an RFC 5322 message: NUL bytes in the header section');
  const lines = head.toString('latin1').split(/\r?\n/);
  lines.forEach((line, index) => {
    const continues = index > 0 && /^[ \t]/.test(line);
    if (!continues && !FIELD.test(line)) {
      throw new HubError(
        'INVALID_INPUT',
        `not an RFC 5322 message: line ${index + 1} of the header section is not a header field`,
      );
    }
  });
}
