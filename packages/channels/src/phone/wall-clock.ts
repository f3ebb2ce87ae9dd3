import { HubError } from '@hub/errors';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** A time zone the hub can read: an IANA name (`Asia/Tehran`) or `UTC`; throws a 400 otherwise. */
export function requireTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new HubError('INVALID_INPUT', `unknown time zone "${timeZone}"; use an IANA name such as Asia/Tehran`, {
      field: 'timeZone',
    });
  }
}

/** How far `timeZone`'s clocks were ahead of UTC at `utcMillis`. */
function offsetMillis(utcMillis: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(utcMillis / 1000) * 1000;
}

/**
 * `2026-11-20 10:15:00` as a switch's clock showed it, in `timeZone`, as an ISO instant (UTC).
 * Asterisk writes local time unless `usegmtime=yes`; the caller says which. `null` for an empty
 * field (an unanswered call has no answer time); `undefined` when it is not a time at all.
 */
export function wallClockToIso(value: string, timeZone: string): string | null | undefined {
  if (value.trim() === '') return null;
  const m = WALL_CLOCK.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(naive);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 59) return undefined;
  // Twice, so a time just after a daylight-saving change lands on the right side of it.
  const first = naive - offsetMillis(naive, timeZone);
  return new Date(naive - offsetMillis(first, timeZone)).toISOString();
}
