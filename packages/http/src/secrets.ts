import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the expected one in constant time. Both sides are hashed
 * first, so neither the content nor the length of the expected secret leaks through timing.
 */
export function secretsEqual(presented: string | Buffer | undefined, expected: string | Buffer): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
