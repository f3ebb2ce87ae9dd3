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
  const users = createUserDirectory({ ...deps, scryptCost: settings.scryptCost });
  const sessions = createSessions({ db: deps.db, users, now: deps.now, settings });
  const apiTokens = createApiTokens(deps);
  return { settings, users, sessions, apiTokens };
}

export type Access = ReturnType<typeof createAccess>;

/**
 * On a hub with no user yet, creates the first admin. Several processes starting together race on
 * the email claim; the losers find the admin made. Answers whether this call made it.
 */
export async function ensureFirstAdmin(access: Access, admin: { email: string; password: string }): Promise<boolean> {
  if ((await access.users.count()) > 0) return false;
  const actor = { kind: 'system', process: 'first-start' } as const;
  try {
    const user = await access.users.create(actor, { email: admin.email, displayName: 'Administrator', role: 'admin' });
    await access.users.setPassword(actor, user.userId, admin.password, 'first-start');
    return true;
  } catch (error) {
    if ((await access.users.count()) > 0 && (error as { code?: string }).code === 'ALREADY_EXISTS') return false;
    throw error;
  }
}
