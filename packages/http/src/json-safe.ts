/**
 * A value as JSON can carry it, for answers built from domain state: Sets become arrays, Maps
 * objects (or `[key, value]` pairs when a key is not a string), Dates ISO text, bigints text,
 * bytes base64; functions, symbols and `undefined` are left out, and a cycle ends as `null`.
 */
export function toJsonSafe(value: unknown, seen: ReadonlySet<object> = new Set()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined;
  if (seen.has(value)) return null;
  const inner = new Set([...seen, value]);
  const safe = (item: unknown) => toJsonSafe(item, inner);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value) || value instanceof Set) return [...value].map((item) => safe(item) ?? null);
  if (value instanceof Map) {
    const entries = [...value.entries()];
    if (!entries.every(([key]) => typeof key === 'string')) return entries.map(([k, v]) => [safe(k), safe(v) ?? null]);
    return objectOf(entries as [string, unknown][], safe);
  }
  return objectOf(Object.entries(value), safe);
}

function objectOf(entries: readonly [string, unknown][], safe: (item: unknown) => unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const converted = safe(item);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}
