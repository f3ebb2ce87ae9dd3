// Reports as CSV (RFC 4180: comma, CRLF, quotes doubled), for the console's downloads.

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** One line per row; array values become one column each (`distribution_1`, ...). */
export function toCsv(rows: readonly Record<string, unknown>[], header: readonly string[]): string {
  const flat = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).flatMap(([name, value]) =>
        Array.isArray(value) ? value.map((item, i) => [`${name}_${i + 1}`, item]) : [[name, value]],
      ),
    ),
  );
  const columns = flat.length > 0 ? [...new Set(flat.flatMap((row) => Object.keys(row)))] : header;
  return [columns.join(','), ...flat.map((row) => columns.map((c) => cell(row[c])).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');
}
