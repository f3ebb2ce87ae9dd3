import { HubError } from '@hub/errors';
import { type BusinessCalendar, minutesOf } from './business-calendar.schema.ts';
import { isoDateOf, localClockOn, localDayOf, weekdayOf } from './local-time.ts';

// Business time is real elapsed time while a calendar's local clock is inside a working range on a
// working day. A range [start, end) on a date runs from the first instant that date's clock reads
// `start` (or later) to the first instant it reads `end` (or later): a Berlin range 01:00-05:00
// lasts 3 hours on the spring-forward Sunday and 5 hours on the fall-back one.

/** A calendar that never works once in this many days is a configuration mistake, not a wait. */
const MAX_DAYS_WALKED = 366 * 20;

interface BusinessInterval {
  readonly start: number;
  readonly end: number;
}

/** The working intervals of one local date, in order, as instants. */
function intervalsOn(calendar: BusinessCalendar, day: number): BusinessInterval[] {
  if (calendar.holidays.includes(isoDateOf(day))) return [];
  const ranges = calendar.workingHours[weekdayOf(day)] ?? [];
  if (ranges.length === 0) return [];
  const instantOf = localClockOn(calendar.timeZone, day);
  return [...ranges]
    .sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
    .map((range) => ({ start: instantOf(minutesOf(range.start)), end: instantOf(minutesOf(range.end)) }))
    .filter((interval) => interval.end > interval.start);
}

/** The instant after `from` at which `ms` of business time has passed. Walks day by day. */
export function addBusinessTime(calendar: BusinessCalendar, from: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new HubError('INVALID_INPUT', `business time to add must be zero or more milliseconds, not ${ms}`, { ms });
  }
  let cursor = from.getTime();
  if (Number.isNaN(cursor)) throw new HubError('INVALID_INPUT', 'business time cannot be added to an invalid date');
  let remaining = ms;
  if (remaining === 0) return new Date(cursor);
  // From the day before: a range ending at 24:00 yesterday may still be open at a zone's odd midnight.
  const firstDay = localDayOf(calendar.timeZone, cursor) - 1;
  for (let day = firstDay; day < firstDay + MAX_DAYS_WALKED; day++) {
    for (const interval of intervalsOn(calendar, day)) {
      if (interval.end <= cursor) continue;
      const begin = Math.max(interval.start, cursor);
      const available = interval.end - begin;
      if (remaining <= available) return new Date(begin + remaining);
      remaining -= available;
      cursor = interval.end;
    }
  }
  throw new HubError('INVALID_INPUT', `calendar ${calendar.id} has no working time within 20 years`, {
    calendarId: calendar.id,
  });
}

/** Business time in [from, to), in milliseconds; 0 when `to` is not after `from`. */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  const lastDay = localDayOf(calendar.timeZone, end);
  let total = 0;
  for (let day = localDayOf(calendar.timeZone, start) - 1; day <= lastDay; day++) {
    for (const interval of intervalsOn(calendar, day)) {
      total += Math.max(0, Math.min(interval.end, end) - Math.max(interval.start, start));
    }
  }
  return total;
}

/** Whether the calendar is working at this instant. */
export function isBusinessTime(calendar: BusinessCalendar, at: Date): boolean {
  const instant = at.getTime();
  const day = localDayOf(calendar.timeZone, instant);
  return [day - 1, day].some((candidate) =>
    intervalsOn(calendar, candidate).some((interval) => interval.start <= instant && instant < interval.end),
  );
}
