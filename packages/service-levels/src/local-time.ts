// Time-zone arithmetic with `Intl` only. A local date is a day number (days since 1970-01-01 on the
// wall calendar); a local time is minutes after local midnight. Instants are epoch milliseconds.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Building a DateTimeFormat costs far more than using one, and walking a month of business days
// asks for an offset a few hundred times; a formatter per zone is reused (it holds no state).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock minus UTC at an instant, in milliseconds (+03:30 in Tehran is 12,600,000). */
export function offsetAt(timeZone: string, instant: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return wall - wholeSecond;
}

/** The local date an instant falls on. */
export function localDayOf(timeZone: string, instant: number): number {
  return Math.floor((instant + offsetAt(timeZone, instant)) / DAY_MS);
}

/** 0 = Sunday .. 6 = Saturday; 1970-01-01 was a Thursday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** 'YYYY-MM-DD' of a local date. */
export const isoDateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The first instant at which the local clock reads `minutes` on `day` or later. Usually the one
 * instant with that wall time; in a fall-back hour that happens twice, the earlier; in a
 * spring-forward gap that never happens, the moment the clock jumps over it.
 */
export function instantAtOrAfter(timeZone: string, day: number, minutes: number): number {
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  // Any real zone changes its offset at most once within a day either side.
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const candidates = [wall - Math.max(before, after), wall - Math.min(before, after)];
  for (const candidate of candidates) {
    if (offsetAt(timeZone, candidate) === wall - candidate) return candidate;
  }
  return transitionBetween(timeZone, wall - after, wall - before, after);
}

/**
 * Local times of one date as instants. A date whose offset is the same a day either side has no
 * clock change (no zone changes twice within three days), so one subtraction does; otherwise each
 * time is resolved on its own.
 */
export function localClockOn(timeZone: string, day: number): (minutes: number) => number {
  const midnight = day * DAY_MS;
  const before = offsetAt(timeZone, midnight - DAY_MS);
  const after = offsetAt(timeZone, midnight + 2 * DAY_MS);
  if (before === after) return (minutes) => midnight + minutes * MINUTE_MS - before;
  return (minutes) => instantAtOrAfter(timeZone, day, minutes);
}

/** The first instant in (from, to] that has the offset `offset`; `to` has it, `from` does not. */
function transitionBetween(timeZone: string, from: number, to: number, offset: number): number {
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(timeZone, middle) === offset) high = middle;
    else low = middle;
  }
  return high;
}
