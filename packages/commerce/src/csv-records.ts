// A streaming CSV reader (RFC 4180: quoted fields with commas, doubled quotes and line breaks;
// CRLF or LF): text goes in as it arrives, whole records come out. Memory is bounded by one record:
// a record longer than `maxRecordChars` (an unclosed quote swallowing the file) stops the read.

export interface CsvRecord {
  /** 1-based record number: the header is row 1. */
  readonly row: number;
  /** The physical line the record starts on (records may span lines inside quotes). */
  readonly line: number;
  readonly fields: readonly string[];
  /** Why the record is not well-formed CSV (a quote inside an unquoted field...), if it is not. */
  readonly malformed?: string;
}

export class CsvTooLongRecordError extends Error {}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

export interface CsvReaderOptions {
  readonly maxRecordChars?: number;
}

/** Pushes text, pulls records. `end()` flushes the last record (a file need not end with a newline). */
export class CsvReader {
  private pending = '';
  private row = 0;
  private line = 1;
  private readonly maxRecordChars: number;

  constructor(options: CsvReaderOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? 16_384;
  }

  push(text: string): CsvRecord[] {
    return this.read(this.pending + text, false);
  }

  end(): CsvRecord[] {
    return this.read(this.pending, true);
  }

  private read(buf: string, final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    let start = this.row === 0 && buf.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (start < buf.length) {
      const parsed = parseRecord(buf, start, final);
      if (!parsed) break;
      const startLine = this.line;
      for (let i = start; i < parsed.next; i++) if (buf.charCodeAt(i) === LF) this.line++;
      start = parsed.next;
      this.row++;
      // A blank line is no record (a trailing newline, a spreadsheet's empty last row).
      if (parsed.fields.length === 1 && parsed.fields[0] === '' && !parsed.malformed) {
        this.row--;
        continue;
      }
      records.push({
        row: this.row,
        line: startLine,
        fields: parsed.fields,
        ...(parsed.malformed ? { malformed: parsed.malformed } : {}),
      });
    }
    this.pending = buf.slice(start);
    if (this.pending.length > this.maxRecordChars) {
      throw new CsvTooLongRecordError(
        `the record starting on line ${this.line} is longer than ${this.maxRecordChars} characters (an unclosed quote?)`,
      );
    }
    return records;
  }
}

/** One record from `i`, or null when the text ends inside it and more may come. */
function parseRecord(
  buf: string,
  from: number,
  final: boolean,
): { fields: string[]; next: number; malformed?: string } | null {
  const fields: string[] = [];
  let malformed: string | undefined;
  let i = from;
  for (;;) {
    let value: string;
    if (buf.charCodeAt(i) === QUOTE) {
      value = '';
      let j = i + 1;
      for (;;) {
        const k = buf.indexOf('"', j);
        if (k < 0) {
          if (!final) return null;
          malformed ??= 'a quoted field is not closed';
          value += buf.slice(j);
          i = buf.length;
          break;
        }
        value += buf.slice(j, k);
        if (k + 1 >= buf.length && !final) return null;
        if (buf.charCodeAt(k + 1) === QUOTE) {
          value += '"';
          j = k + 2;
          continue;
        }
        i = k + 1;
        break;
      }
      // Text after the closing quote, up to the delimiter, is kept but makes the record malformed.
      const end = fieldEnd(buf, i);
      if (end > i) {
        malformed ??= 'text after a closing quote';
        value += buf.slice(i, end);
        i = end;
      }
    } else {
      const end = fieldEnd(buf, i);
      value = buf.slice(i, end);
      if (value.includes('"')) malformed ??= 'a quote inside an unquoted field';
      i = end;
    }
    fields.push(value);
    if (i >= buf.length) {
      if (!final) return null;
      return { fields, next: i, ...(malformed ? { malformed } : {}) };
    }
    const c = buf.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= buf.length && !final) return null;
      i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
    } else i++;
    return { fields, next: i, ...(malformed ? { malformed } : {}) };
  }
}

function fieldEnd(buf: string, from: number): number {
  let i = from;
  while (i < buf.length) {
    const c = buf.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) break;
    i++;
  }
  return i;
}

/** Records of a byte stream (UTF-8), as they arrive; the caller's pace is the stream's. */
export async function* readCsvRecords(
  chunks: AsyncIterable<Uint8Array | string>,
  options: CsvReaderOptions = {},
): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader(options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* reader.push(text);
  }
  yield* reader.push(decoder.decode());
  yield* reader.end();
}
