import type { Locale } from '../i18n.ts';

// Numbers, shares, durations and dates in the locale's digits and calendar (Intl), for the charts.

const tag = (locale: Locale) => (locale === 'fa' ? 'fa-IR' : 'en-GB');

export const formatCount = (locale: Locale, n: number, digits = 0) =>
  new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits }).format(n);

export const formatShare = (locale: Locale, share: number) =>
  new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** A duration in seconds in the unit that reads best: seconds, minutes, hours or days. */
export function formatDuration(locale: Locale, seconds: number): string {
  const [value, unit] =
    seconds < 90
      ? [seconds, 'second']
      : seconds < 90 * 60
        ? [seconds / 60, 'minute']
        : seconds < 48 * 3600
          ? [seconds / 3600, 'hour']
          : [seconds / 86_400, 'day'];
  return new Intl.NumberFormat(tag(locale), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/** A bucket's start: the day (and the hour when buckets are hours), in the locale's calendar. */
export function formatBucket(locale: Locale, iso: string, granularity: 'hour' | 'day' | 'week'): string {
  return new Intl.DateTimeFormat(tag(locale), {
    month: 'short',
    day: 'numeric',
    ...(granularity === 'hour' ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(new Date(iso));
}

export const formatDay = (locale: Locale, date: Date) =>
  new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium' }).format(date);

/** An amount in its currency (ISO 4217), as the locale writes money. */
export function formatMoney(locale: Locale, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(tag(locale), { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${formatCount(locale, amount, 2)} ${currency}`;
  }
}
