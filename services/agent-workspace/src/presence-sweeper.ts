import { randomUUID } from 'node:crypto';
import { handleCommand } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { agentPresenceStream } from '@hub/events';
import type { Logger } from '@hub/logger';
import { presenceDecider } from '@hub/routing';
import { agentsPresent } from '@hub/routing-read-model';
import type { SqlExecutor } from '@hub/sql';

export interface PresenceSweeperDependencies {
  readonly store: EventStore;
  /** The routing read model. */
  readonly db: SqlExecutor;
  /** Which of these users hold a session that has not expired (the hub passes `signedInUsers` of `@hub/access`). */
  readonly signedIn: (userIds: readonly string[]) => Promise<ReadonlySet<string>>;
  readonly now: () => Date;
  readonly logger: Logger;
  /** How often it looks for agents who are no longer signed in (default 30 s). */
  readonly pollIntervalMs?: number;
}

export interface PresenceSweeper {
  /** One round now (after a sign-out in this process): what a poll does. */
  sweepNow(): Promise<void>;
  stop(): Promise<void>;
}

export const PRESENCE_SWEEPER_ACTOR = { kind: 'system', process: 'sessions-ended' } as const;

/**
 * An agent who signed out, or whose last session expired, is set `away`, so the router stops
 * giving them conversations nobody then answers. Each round reads who is available or busy in the
 * routing read model, asks which of them still hold a session, and records `AgentPresenceChanged`
 * to `away` for the others, at the revision of their presence the read model showed: an agent who
 * changed their presence since (signed in again and said so) is left as they said.
 */
export function startPresenceSweeper(deps: PresenceSweeperDependencies): PresenceSweeper {
  const pollIntervalMs = deps.pollIntervalMs ?? 30_000;
  const log = deps.logger.child({ component: 'presence-sweeper' });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  async function sweep(): Promise<void> {
    const present = await agentsPresent(deps.db);
    if (present.length === 0) return;
    const signedIn = await deps.signedIn(present.map((agent) => agent.userId));
    for (const { userId, revision } of present) {
      if (signedIn.has(userId) || stopped) continue;
      try {
        await handleCommand({
          store: deps.store,
          streamId: agentPresenceStream(userId),
          decider: presenceDecider,
          command: { userId, presence: 'away', actor: PRESENCE_SWEEPER_ACTOR },
          seenRevision: revision,
          eventContext: () => ({ id: randomUUID(), occurredAt: deps.now() }),
        });
        log.info({ userId }, 'no session left: presence set to away');
      } catch (error) {
        // Their presence changed since the read model showed it: what they said last stands.
        if (!isHubError(error, 'WRONG_EXPECTED_REVISION')) throw error;
      }
    }
  }

  /** Rounds run one after another; a round that fails is logged and the next poll tries again. */
  const next = () => {
    round = round.then(() =>
      sweep().catch((error: unknown) => log.warn({ err: error }, 'could not look for agents without a session')),
    );
    return round;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void next().then(schedule), pollIntervalMs);
    timer.unref();
  };
  schedule();

  return {
    sweepNow: next,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
