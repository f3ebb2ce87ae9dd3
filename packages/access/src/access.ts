import { isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import type { SqlDatabase } from '@hub/sql';
import { type AccessSettings, defaultAccessSettings } from './access.settings.ts';
import { createApiTokens } from './api-tokens.ts';
import { createSessions } from './sessions.ts';
import { createUserDirectory } from './user-directory.ts';

export interface AccessDependencies {
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly settings?: Partial<AccessSettings>;
}

/** Users, sessions and API tokens over one SQL database and the event store. */
export function createAccess(deps: AccessDependencies) {
  const settings: AccessSettings = Object.freeze({ ...defaultAccessSettings, ...deps.settings });
  const users = createUserDirectory({
    ...deps,
    scryptCost: settings.scryptCost,
    onUserChanged: (userId) => sessions.forgetUser(userId),
  });
  const sessions = createSessions({ db: deps.db, users, now: deps.now, settings });
  const apiTokens = createApiTokens(deps);
  // Setting up the first admin takes turns: in this process through a queue, across processes on
  // PostgreSQL under an advisory lock held by a transaction of its own (the work itself runs on
  // other connections). Without it, a second start could take the first one's admin, created but
  // not yet given its password, for one a crash left without it, and make a second password.
  let turn: Promise<unknown> = Promise.resolve();
  const firstAdminTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const locked = () =>
      deps.db.dialect === 'postgres'
        ? deps.db.transaction(async (tx) => {
            await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('access.first-admin', 0))");
            return work();
          })
        : work();
    const result = turn.then(locked, locked);
    turn = result.catch(() => undefined);
    return result;
  };
  return { settings, users, sessions, apiTokens, firstAdminTurn };
}

export type Access = ReturnType<typeof createAccess>;

/**
 * On a hub with no user yet, creates the first admin. The password is asked for only once this
 * call has claimed the email, so of several processes starting together only the winner makes
 * (and stores) one. An admin left without a password by a crash mid-way gets it on the next start.
 * Answers whether this call set the first admin up.
 */
export function ensureFirstAdmin(
  access: Access,
  admin: { email: string; password: () => Promise<string> },
): Promise<boolean> {
  return access.firstAdminTurn(() => setUpFirstAdmin(access, admin));
}

async function setUpFirstAdmin(access: Access, admin: { email: string; password: () => Promise<string> }) {
  const actor = { kind: 'system', process: 'first-start' } as const;
  let userId: string;
  if ((await access.users.count()) > 0) {
    const orphan = await access.users.firstAdminWithoutPassword(admin.email);
    if (!orphan) return false;
    userId = orphan;
  } else {
    try {
      userId = (await access.users.create(actor, { email: admin.email, displayName: 'Administrator', role: 'admin' }))
        .userId;
    } catch (error) {
      if (isHubError(error, 'ALREADY_EXISTS')) return false;
      throw error;
    }
  }
  await access.users.setPassword(actor, userId, await admin.password(), 'first-start');
  return true;
}
