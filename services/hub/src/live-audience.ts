import type { Principal } from '@hub/access';
import type { EventStore } from '@hub/event-store';
import { teamStream } from '@hub/events';
import type { LiveNotification } from '@hub/live-updates';

/** How long a team's members are remembered before they are read again (a join shows within it). */
const MEMBERS_TTL_MS = 2_000;

/**
 * Who sees what live: supervisors and admins see every conversation; everyone else sees a
 * conversation's events while it belongs to no team (as the inbox shows it to them), and once it
 * belongs to a team only if they are a member. Members are read from the team's stream (raw
 * store: ids only), shared by every connection for a moment.
 */
/** A team's members as read at `at`: `read` once the read has finished. */
interface Members {
  readonly at: number;
  readonly users: Promise<ReadonlySet<string>>;
  read?: ReadonlySet<string>;
}

export function createLiveAudience(rawStore: EventStore, now: () => number = Date.now) {
  const members = new Map<string, Members>();

  /** The members, at hand when read a moment ago (most events), else once the stream is read. */
  const membersOf = (teamId: string): ReadonlySet<string> | Promise<ReadonlySet<string>> => {
    const cached = members.get(teamId);
    if (cached && now() - cached.at < MEMBERS_TTL_MS) return cached.read ?? cached.users;
    const users = rawStore.readStream(teamStream(teamId)).then((events) => {
      const current = new Set<string>();
      for (const event of events) {
        const userId = (event.data as { userId?: unknown } | null)?.userId;
        if (typeof userId !== 'string') continue;
        if (event.type === 'TeamMemberAdded') current.add(userId);
        if (event.type === 'TeamMemberRemoved') current.delete(userId);
      }
      return current;
    });
    const entry: Members = { at: now(), users };
    users.then(
      (read) => {
        entry.read = read;
      },
      () => members.delete(teamId),
    );
    members.set(teamId, entry);
    return users;
  };

  return (principal: Principal) => {
    if (principal.role === 'admin' || principal.role === 'supervisor') return () => true;
    const userId = principal.kind === 'user' ? principal.userId : undefined;
    return (notification: LiveNotification): boolean | Promise<boolean> => {
      const teamId = notification.about.teamId;
      if (teamId === undefined) return true;
      if (userId === undefined) return false;
      const users = membersOf(teamId);
      return users instanceof Promise ? users.then((read) => read.has(userId)) : users.has(userId);
    };
  };
}
