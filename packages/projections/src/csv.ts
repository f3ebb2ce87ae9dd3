/**
 * One CSV record (RFC 4180): a field with a comma, a quote, a line break or leading/trailing
 * space is quoted, quotes doubled. Objects are written as their JSON, dates as ISO 8601, null and
 * undefined as an empty field. Lines end in CRLF, as the RFC says.
 */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
        : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
