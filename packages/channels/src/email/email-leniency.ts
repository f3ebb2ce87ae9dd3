// Some clients and mail archives write a whitespace-only line before the first header. Python's
// email package reads it as the continuation of a missing first header, keeps parsing, and notes a
// FirstHeaderLineIsContinuationDefect; mail libraries of other languages accept it too. We drop
// such lines and note the same defect, so the agent sees the message and the details say why.
export const FIRST_HEADER_LINE_IS_CONTINUATION = 'FirstHeaderLineIsContinuationDefect';

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

/** One pass over the leading lines that hold only spaces and tabs (CRLF or LF ended). */
export function withoutLeadingWhitespaceLines(raw: Buffer): { message: Buffer; defects: string[] } {
  let start = 0;
  for (;;) {
    let at = start;
    while (raw[at] === SPACE || raw[at] === TAB) at += 1;
    if (at === start) break;
    if (raw[at] === CR && raw[at + 1] === LF) at += 2;
    else if (raw[at] === LF) at += 1;
    else break; // a folded line with text: not ours to drop
    start = at;
  }
  return start === 0
    ? { message: raw, defects: [] }
    : { message: raw.subarray(start), defects: [FIRST_HEADER_LINE_IS_CONTINUATION] };
}
