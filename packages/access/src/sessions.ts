import { HubError } from '@hub/errors';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';
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
/** Sessions remembered at most; the oldest checked go first. */
const REMEMBERED_SESSIONS = 10_000;

/** A session this process checked against the database, trusted for `sessionCacheMs`. */
interface CheckedSession {
  readonly principal: Principal & { readonly kind: 'user' };
  readonly createdAt: Date;
  readonly lastSeen: Date;
  /** performance.now() of the check: the trust is counted in real time, whatever `now` says. */
  readonly checkedAt: number;
}

const wrongCredentials = () => new HubError('UNAUTHENTICATED', 'the email or the password is wrong');

/**
 * Which of these users hold a session that has not expired at `at` (a deactivation ends a user's
 * sessions): what the routing asks before it counts an agent as there.
 */
export async function signedInUsers(db: SqlExecutor, userIds: readonly string[], at: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.query<{ user_id: string }>(
    'SELECT DISTINCT user_id FROM access.sessions WHERE user_id = ANY($1::text[]) AND expires_at > $2',
    [userIds, at],
  );
  return new Set(rows.map((row) => row.user_id));
}

/** Password sign-in, sessions with sliding and absolute expiry, sign-out. */
export function createSessions(deps: {
  readonly db: SqlDatabase;
  readonly users: UserDirectory;
  readonly now: () => Date;
  readonly settings: AccessSettings;
}) {
  const { db, users, now, settings } = deps;
  const limiter = createSignInLimiter(db, settings);
  // Each request of a signed-in user would otherwise cost a query before its own (a third of a
  // timeline read's time in `pnpm bench:agent`).
  const checked = new Map<string, CheckedSession>();
  // Counts what was forgotten: a check that was under way meanwhile (its read may predate a
  // sign-out) answers its own request but is not remembered.
  let forgettings = 0;
  const forget = (keep: (session: CheckedSession, digest: string) => boolean) => {
    forgettings += 1;
    for (const [digest, session] of checked) if (!keep(session, digest)) checked.delete(digest);
  };
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

    /**
     * The signed-in user of a live session of an active user, or undefined; each use slides its
     * expiry. A session checked less than `sessionCacheMs` ago is answered from memory.
     */
    async authenticate(token: string): Promise<Principal | undefined> {
      const digest = tokenDigest(token);
      const at = now();
      const known = checked.get(digest);
      if (
        known &&
        performance.now() - known.checkedAt < settings.sessionCacheMs &&
        at.getTime() < expiry(known.createdAt, known.lastSeen).getTime() &&
        at.getTime() - known.lastSeen.getTime() < SLIDE_EVERY_MS
      ) {
        return known.principal;
      }
      checked.delete(digest);
      const forgettingsBefore = forgettings;
      const rows = await db.query<{ user_id: string; role: UserRole; created_at: Date; last_seen: Date }>(
        `SELECT s.user_id, u.role, s.created_at, s.last_seen FROM access.sessions s
         JOIN access.users u ON u.user_id = s.user_id WHERE s.token_digest = $1 AND s.expires_at > $2 AND u.active`,
        [digest, at],
      );
      const row = rows[0];
      if (!row) return undefined;
      const createdAt = new Date(row.created_at);
      let lastSeen = new Date(row.last_seen);
      if (at.getTime() - lastSeen.getTime() >= SLIDE_EVERY_MS) {
        await db.query('UPDATE access.sessions SET last_seen = $2, expires_at = $3 WHERE token_digest = $1', [
          digest,
          at,
          expiry(createdAt, at),
        ]);
        lastSeen = at;
      }
      const principal = Object.freeze({
        kind: 'user' as const,
        userId: row.user_id,
        role: row.role,
        actor: Object.freeze({ kind: 'agent' as const, userId: row.user_id }),
        sessionDigest: digest,
      });
      if (forgettings === forgettingsBefore)
        checked.set(digest, { principal, createdAt, lastSeen, checkedAt: performance.now() });
      if (checked.size > REMEMBERED_SESSIONS) checked.delete(checked.keys().next().value as string);
      return principal;
    },

    /** What this process remembers of the user's sessions goes: their next request is checked again. */
    forgetUser(userId: string): void {
      forget((session) => session.principal.userId !== userId);
    },

    // Each forgets after its write: a check that read before the write is not remembered (see
    // `forgettings`), and one that starts after it reads the write.
    async signOut(sessionDigest: string): Promise<void> {
      await db.query('DELETE FROM access.sessions WHERE token_digest = $1', [sessionDigest]);
      forget((_, digest) => digest !== sessionDigest);
    },

    /** After a password change: every session of the user ends, but the one named (the user's own). */
    async endOtherSessions(userId: string, keepDigest?: string): Promise<void> {
      await db.query('DELETE FROM access.sessions WHERE user_id = $1 AND token_digest <> $2', [
        userId,
        keepDigest ?? '',
      ]);
      forget((session, digest) => session.principal.userId !== userId || digest === keepDigest);
      await db.query('DELETE FROM access.sessions WHERE expires_at < $1', [now()]);
    },

    async checkPassword(userId: string, password: string): Promise<boolean> {
      const rows = await db.query<{ hash: string }>('SELECT hash FROM access.passwords WHERE user_id = $1', [userId]);
      return rows[0] ? verifyPassword(password, rows[0].hash) : false;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
