/**
 * A generic interaction of about 600 bytes; `customers` distinct e-mail addresses in rotation,
 * named after `customerPrefix` (another prefix, other customers).
 */
export const benchInteraction = (n: number, customers: number, prefix = 'load', customerPrefix = 'customer') => ({
  channel: 'generic' as const,
  source: { system: 'bench', externalId: `${prefix}-${n}` },
  direction: 'inbound' as const,
  occurredAt: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
  contact: {
    identifiers: [{ kind: 'email' as const, value: `${customerPrefix}-${n % customers}@example.ir` }],
    displayName: 'سارا رضایی',
  },
  threadKey: `${prefix}-thread-${n % 97}`,
  summary: 'پیگیری سفارش ۱۲۳۴',
  text: 'سلام، سفارش شماره ۱۲۳۴ را دو هفته پیش ثبت کردم و هنوز ارسال نشده است. لطفاً وضعیت را اعلام کنید.',
  html: null,
  details: {
    channel: 'generic' as const,
    system: 'bench',
    externalId: `${prefix}-${n}`,
    attributes: { branch: 'tehran' },
  },
});

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const round = (n: number, digits = 0) => Number(n.toFixed(digits));
