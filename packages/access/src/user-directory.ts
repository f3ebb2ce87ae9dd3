import { handleCommand, loadAggregate } from '@hub/decider';
import { HubError, isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { type Actor, userStream } from '@hub/events';
import type { SqlDatabase } from '@hub/sql';
import { foldEmail } from './email.ts';
import type { UserRole } from './roles.ts';
import { hashPassword, type ScryptCost } from './secrets.ts';
import { isUserEvent, type UserCommand, type UserState, userDecider } from './user.decider.ts';

export interface UserView {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly active: boolean;
  /** The user stream's revision: send it back as `seenRevision` to change the user. */
  readonly revision: number;
}

interface UserRow {
  user_id: string;
  email: string;
  display_name: string;
  role: UserRole;
  active: boolean;
  revision: number;
}

const toView = (row: UserRow): UserView => ({
  userId: row.user_id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  active: row.active,
  revision: Number(row.revision),
});

export interface UserDirectoryDependencies {
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly scryptCost: ScryptCost;
  /** Told after a user's role or activation changed here, so what this process remembers of them goes. */
  readonly onUserChanged?: (userId: string) => void;
}

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly password?: string;
}

export interface UserChange {
  readonly role?: UserRole;
  readonly active?: boolean;
  readonly seenRevision?: number;
}

const COLUMNS = 'user_id, email, display_name, role, active, revision';

/**
 * Users: decided by the user decider on their streams, mirrored into `access.users` (the read
 * model and the email claim). Changes that could remove the last admin take turns.
 */
export function createUserDirectory(deps: UserDirectoryDependencies) {
  const { db, store, now, newId } = deps;
  let adminTurn: Promise<unknown> = Promise.resolve();
  // Role and activation changes take turns, in this process and across processes on PostgreSQL
  // (an advisory lock held by an otherwise idle transaction), so two admins demoting each other at
  // once cannot both count the other as the one who remains. PGlite is one process: the queue is enough.
  const acrossProcesses = <T>(work: () => Promise<T>): Promise<T> =>
    db.dialect === 'postgres'
      ? db.transaction(async (tx) => {
          await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('access.user-roles', 0))");
          return work();
        })
      : work();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const guarded = () => acrossProcesses(work);
    const result = adminTurn.then(guarded, guarded);
    adminTurn = result.catch(() => undefined);
    return result;
  };

  const run = (userId: string, command: UserCommand, seenRevision?: number) =>
    handleCommand({
      store,
      streamId: userStream(userId),
      decider: userDecider,
      command,
      isEvent: isUserEvent,
      ...(seenRevision === undefined ? {} : { seenRevision }),
      eventContext: () => ({ id: newId(), occurredAt: now(), metadata: { actor: command.actor } }),
    });

  async function mirror(userId: string, state: UserState, revision: number): Promise<UserView> {
    if (!state.exists) throw new HubError('NOT_FOUND', `no user ${userId}`);
    const rows = await db.query<UserRow>(
      `UPDATE access.users SET role = $2, active = $3, display_name = $4, revision = GREATEST(revision, $5), updated_at = $6
       WHERE user_id = $1 RETURNING ${COLUMNS}`,
      [userId, state.role, state.active, state.displayName, revision, now()],
    );
    const row = rows[0];
    if (!row) throw new HubError('NOT_FOUND', `no user ${userId}`);
    return toView(row);
  }

  async function find(userId: string): Promise<UserView | undefined> {
    const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM access.users WHERE user_id = $1`, [userId]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async function otherActiveAdmins(userId: string): Promise<number> {
    const rows = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM access.users WHERE role = 'admin' AND active AND user_id <> $1",
      [userId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async function setPassword(actor: Actor, userId: string, password: string, by: 'self' | 'admin' | 'first-start') {
    const hash = await hashPassword(password, deps.scryptCost);
    if (!(await find(userId))) throw new HubError('NOT_FOUND', `no user ${userId}`);
    await db.query(
      `INSERT INTO access.passwords (user_id, hash, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET hash = EXCLUDED.hash, changed_at = EXCLUDED.changed_at`,
      [userId, hash, now()],
    );
    const result = await run(userId, { kind: 'RecordPasswordChange', by, actor });
    await mirror(userId, result.state, result.revision);
  }

  return {
    find,
    setPassword,

    async list(): Promise<UserView[]> {
      const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM access.users ORDER BY email`);
      return rows.map(toView);
    },

    /** The id of the admin with this email when it has no password yet (a first start cut short). */
    async firstAdminWithoutPassword(email: string): Promise<string | undefined> {
      const rows = await db.query<{ user_id: string }>(
        `SELECT u.user_id FROM access.users u LEFT JOIN access.passwords p ON p.user_id = u.user_id
         WHERE u.email = $1 AND u.role = 'admin' AND u.active AND p.user_id IS NULL AND u.revision >= 0`,
        [foldEmail(email)],
      );
      return rows[0]?.user_id;
    },

    async count(): Promise<number> {
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM access.users');
      return Number(rows[0]?.n ?? 0);
    },

    /** Claims the email first (unique in SQL), then records the user; a failed record frees the claim. */
    async create(actor: Actor, user: NewUser): Promise<UserView> {
      const email = foldEmail(user.email);
      const userId = newId();
      const claimed = await db.query(
        `INSERT INTO access.users (user_id, email, display_name, role, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, true, $5, $5) ON CONFLICT (email) DO NOTHING RETURNING user_id`,
        [userId, email, user.displayName, user.role, now()],
      );
      if (claimed.length === 0) throw new HubError('ALREADY_EXISTS', 'a user with this email already exists');
      try {
        const result = await run(
          userId,
          { kind: 'CreateUser', userId, email, displayName: user.displayName, role: user.role, actor },
          -1,
        );
        const view = await mirror(userId, result.state, result.revision);
        if (user.password !== undefined) await setPassword(actor, userId, user.password, 'admin');
        return (await find(userId)) ?? view;
      } catch (error) {
        if (!isHubError(error, 'ALREADY_EXISTS'))
          await db.query('DELETE FROM access.users WHERE user_id = $1', [userId]);
        throw error;
      }
    },

    /** Role and activation; refused when it would leave no active admin. Deactivation ends the user's sessions. */
    change(actor: Actor, userId: string, change: UserChange): Promise<UserView> {
      return inTurn(async () => {
        let seen = change.seenRevision;
        let view = await find(userId);
        if (!view) throw new HubError('NOT_FOUND', `no user ${userId}`);
        const steps: UserCommand[] = [];
        if (change.active === true) steps.push({ kind: 'Reactivate', actor });
        if (change.role !== undefined) {
          steps.push({
            kind: 'ChangeRole',
            role: change.role,
            otherActiveAdmins: await otherActiveAdmins(userId),
            actor,
          });
        }
        if (change.active === false) {
          steps.push({ kind: 'Deactivate', otherActiveAdmins: await otherActiveAdmins(userId), actor });
        }
        for (const command of steps) {
          const result = await run(userId, command, seen);
          seen = undefined;
          view = await mirror(userId, result.state, result.revision);
        }
        if (change.active === false) await db.query('DELETE FROM access.sessions WHERE user_id = $1', [userId]);
        if (steps.length > 0) deps.onUserChanged?.(userId);
        return view;
      });
    },

    /** The state from the user's stream (the source of truth), for rebuilding or checking the mirror. */
    async fromHistory(userId: string) {
      return loadAggregate(store, userStream(userId), userDecider, isUserEvent);
    },
  };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;
