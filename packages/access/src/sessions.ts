import { HubError } from '@hub/errors';
import type { SqlDatabase } from '@hub/sql';
import type { AccessSettings } from './access.settings.ts';
import { foldEmail } from './email.ts';
import type { Principal } from './principal.ts';
import type { UserRole } from './roles.ts';
import { decoyHash, newToken, tokenDigest, verifyPassword } from './secrets.ts';
import { createSignInLimiter } from './sign-in-limiter.ts';
import type { UserDirectory, UserView } from './user-directory.ts';

export interface SignedIn {
  readonly token: string;
  readonly expiresAt: Date;
  readonly user: UserView;
}

// Sliding expiry is written at most this often per session: not one UPDATE per request.
const SLIDE_EVERY_MS = 60 * 1000;

const wrongCredentials = () => new HubError('UNAUTHENTICATED', 'the email or the password is wrong');

/** Password sign-in, sessions with sliding and absolute expiry, sign-out. */
export function createSessions(deps: {
  readonly db: SqlDatabase;
  readonly users: UserDirectory;
  readonly now: () => Date;
  readonly settings: AccessSettings;
}) {
  const { db, users, now, settings } = deps;
  const limiter = createSignInLimiter(db, settings);
  let decoy: Promise<string> | undefined;
  const expiry = (createdAt: Date, at: Date) =>
    new Date(Math.min(at.getTime() + settings.sessionIdleMs, createdAt.getTime() + settings.sessionMaxMs));

  return {
    /**
     * The same 401 for an unknown email, a deactivated user and a wrong password, after the same
     * scrypt work; refused with 429 before any check once the failures reach the limit.
     */
    async signIn(email: string, password: string, address: string): Promise<SignedIn> {
      let folded: string;
      try {
        folded = foldEmail(email);
      } catch {
        throw wrongCredentials();
      }
      const at = now();
      await limiter.check(folded, address, at);
      const rows = await db.query<{ user_id: string; active: boolean; hash: string | null }>(
        `SELECT u.user_id, u.active, p.hash FROM access.users u
         LEFT JOIN access.passwords p ON p.user_id = u.user_id WHERE u.email = $1`,
        [folded],
      );
      const row = rows[0];
      decoy ??= decoyHash(settings.scryptCost);
      const matches = await verifyPassword(password, row?.hash ?? (await decoy));
      if (!row?.hash || !matches || !row.active) {
        await limiter.recordFailure(folded, address, at);
        throw wrongCredentials();
      }
      await limiter.clear(folded);
      const token = newToken('hub_s_');
      const expiresAt = expiry(at, at);
      await db.query(
        'INSERT INTO access.sessions (token_digest, user_id, created_at, expires_at, last_seen) VALUES ($1, $2, $3, $4, $3)',
        [tokenDigest(token), row.user_id, at, expiresAt],
      );
      const user = await users.find(row.user_id);
      if (!user) throw wrongCredentials();
      return { token, expiresAt, user };
    },

    /** The signed-in user of a live session of an active user, or undefined; each use slides its expiry. */
    async authenticate(token: string): Promise<Principal | undefined> {
      const digest = tokenDigest(token);
      const at = now();
      const rows = await db.query<{ user_id: string; role: UserRole; created_at: Date; last_seen: Date }>(
        `SELECT s.user_id, u.role, s.created_at, s.last_seen FROM access.sessions s
         JOIN access.users u ON u.user_id = s.user_id WHERE s.token_digest = $1 AND s.expires_at > $2 AND u.active`,
        [digest, at],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (at.getTime() - new Date(row.last_seen).getTime() >= SLIDE_EVERY_MS) {
        await db.query('UPDATE access.sessions SET last_seen = $2, expires_at = $3 WHERE token_digest = $1', [
          digest,
          at,
          expiry(new Date(row.created_at), at),
        ]);
      }
      return {
        kind: 'user',
        userId: row.user_id,
        role: row.role,
        actor: { kind: 'agent', userId: row.user_id },
        sessionDigest: digest,
      };
    },

    async signOut(sessionDigest: string): Promise<void> {
      await db.query('DELETE FROM access.sessions WHERE token_digest = $1', [sessionDigest]);
    },

    /** After a password change: every session of the user ends, but the one named (the user's own). */
    async endOtherSessions(userId: string, keepDigest?: string): Promise<void> {
      await db.query('DELETE FROM access.sessions WHERE user_id = $1 AND token_digest <> $2', [
        userId,
        keepDigest ?? '',
      ]);
      await db.query('DELETE FROM access.sessions WHERE expires_at < $1', [now()]);
    },

    async checkPassword(userId: string, password: string): Promise<boolean> {
      const rows = await db.query<{ hash: string }>('SELECT hash FROM access.passwords WHERE user_id = $1', [userId]);
      return rows[0] ? verifyPassword(password, rows[0].hash) : false;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
