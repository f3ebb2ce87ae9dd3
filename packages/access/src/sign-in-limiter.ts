import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';

export interface SignInLimits {
  readonly failuresPerEmail: number;
  readonly failuresPerAddress: number;
  readonly failureWindowMs: number;
}

/**
 * Failed sign-ins are counted in SQL, so every process of the hub sees them. Guessing one
 * account's password is slowed per email; trying many accounts from one client, per address.
 */
export function createSignInLimiter(db: SqlExecutor, limits: SignInLimits) {
  const subjects = (email: string, address: string) => [
    { key: `email:${email}`, limit: limits.failuresPerEmail },
    { key: `address:${address}`, limit: limits.failuresPerAddress },
  ];
  return {
    /** Throws RATE_LIMITED (429) with `retryAfterSeconds` when either subject is over its limit. */
    async check(email: string, address: string, now: Date): Promise<void> {
      const since = new Date(now.getTime() - limits.failureWindowMs);
      for (const { key, limit } of subjects(email, address)) {
        const rows = await db.query<{ n: number; oldest: Date | null }>(
          `SELECT count(*)::int AS n, min(failed_at) AS oldest FROM (
             SELECT failed_at FROM access.sign_in_failures WHERE subject = $1 AND failed_at > $2
             ORDER BY failed_at DESC LIMIT $3) recent`,
          [key, since, limit],
        );
        const row = rows[0];
        if (row && Number(row.n) >= limit && row.oldest) {
          const freeAt = new Date(row.oldest).getTime() + limits.failureWindowMs;
          const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
          throw new HubError('RATE_LIMITED', `too many failed sign-ins; try again in ${retryAfterSeconds} s`, {
            retryAfterSeconds,
          });
        }
      }
    },
    async recordFailure(email: string, address: string, now: Date): Promise<void> {
      const [byEmail, byAddress] = subjects(email, address);
      await db.query('INSERT INTO access.sign_in_failures (subject, failed_at) VALUES ($1, $3), ($2, $3)', [
        byEmail?.key,
        byAddress?.key,
        now,
      ]);
      // Old failures count for nothing: keep the table small.
      await db.query('DELETE FROM access.sign_in_failures WHERE failed_at < $1', [
        new Date(now.getTime() - limits.failureWindowMs),
      ]);
    },
    /** A correct password forgives that email's failures (not the address's). */
    async clear(email: string): Promise<void> {
      await db.query('DELETE FROM access.sign_in_failures WHERE subject = $1', [`email:${email}`]);
    },
  };
}
