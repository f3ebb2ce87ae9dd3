// Amounts are decimal strings (`Amount` of @hub/events); arithmetic is exact on bigints of
// ten-thousandths, so "0.1" + "0.2" is "0.30" and totals never drift.

const SCALE = 10_000n;
const FRACTION_DIGITS = 4;

/** "12.5" -> 125000n. The string must already match `Amount` (validated at the edge). */
export function toUnits(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(FRACTION_DIGITS, '0') || '0');
}

/** 125000n -> "12.50": at least two fraction digits, at most four, no trailing zeros past two. */
export function fromUnits(units: bigint): string {
  const whole = units / SCALE;
  const fraction = (units % SCALE).toString().padStart(FRACTION_DIGITS, '0').replace(/0+$/, '');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** The same amount written the one canonical way ("12.5", "12.500" -> "12.50"). */
export const canonicalAmount = (amount: string): string => fromUnits(toUnits(amount));

export const lineAmount = (unitAmount: string, quantity: number): string =>
  fromUnits(toUnits(unitAmount) * BigInt(quantity));

export const sumAmounts = (amounts: readonly string[]): string =>
  fromUnits(amounts.reduce((sum, amount) => sum + toUnits(amount), 0n));
