import { randomUUID } from 'node:crypto';
import { loadAggregate } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { conversationStream, decodeEvent, encodeEvent, SERVICE_LEVEL_SETTINGS_STREAM } from '@hub/events';
import {
  clearSlaClocks,
  conversationsDueForSlaCheck,
  markSlaClocksStale,
  slaClocksSettingsRevision,
  writeSlaClock,
} from '@hub/inbox';
import type { Logger } from '@hub/logger';
import {
  breachesToRecord,
  choosePolicy,
  computeSlaClock,
  conversationSlaOf,
  nextSlaCheckAt,
  type ServiceLevelSettings,
  serviceLevelSettingsDecider,
  slaBreachedEvent,
} from '@hub/service-levels';
import type { SqlExecutor } from '@hub/sql';

export interface SlaBreachRecorderDependencies {
  readonly store: EventStore;
  readonly db: SqlExecutor;
  readonly now: () => Date;
  readonly logger: Logger;
  /** How often it looks for clocks that are stale or fell due (default 15 s). */
  readonly pollIntervalMs?: number;
  /** Conversations looked at per round. */
  readonly batchSize?: number;
}

export interface SlaBreachRecorder {
  /** One round now: what a poll does. */
  checkNow(): Promise<void>;
  stop(): Promise<void>;
}

export const SLA_CHECKER_ACTOR = { kind: 'system', process: 'sla' } as const;

/**
 * Keeps the inbox's SLA columns (due time, state, policy) and records breaches as SlaBreached on
 * the conversation's stream. Each round it reads the settings stream (a change marks every clock
 * not resolved stale), then the conversations whose clock is stale or whose next check time
 * passed, and for each one reads its stream, computes the clock at `now` and appends the breaches
 * `breachesToRecord` finds at the revision it read: two checkers (or a replayed round) cannot
 * record one breach twice, and a checker that was down through a due time records it on its first
 * round. Nothing lives only in memory: the next check time is in the row.
 */
export function startSlaBreachRecorder(deps: SlaBreachRecorderDependencies): SlaBreachRecorder {
  const pollIntervalMs = deps.pollIntervalMs ?? 15_000;
  const batchSize = deps.batchSize ?? 100;
  const maxBatches = 1000;
  let settingsRevision: number | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  async function settings(): Promise<ServiceLevelSettings> {
    const loaded = await loadAggregate(deps.store, SERVICE_LEVEL_SETTINGS_STREAM, serviceLevelSettingsDecider);
    if (loaded.revision !== settingsRevision) {
      // Policies or calendars changed since the clocks were computed: every clock is looked at
      // again. A process that starts with the settings the clocks already follow changes nothing:
      // each row keeps its next check time, so what fell due while it was down is found anyway.
      if (loaded.revision !== (await slaClocksSettingsRevision(deps.db)))
        await markSlaClocksStale(deps.db, loaded.revision);
      settingsRevision = loaded.revision;
    }
    return loaded.state;
  }

  async function check(conversationId: string, current: ServiceLevelSettings): Promise<void> {
    const streamId = conversationStream(conversationId);
    const recorded = await deps.store.readStream(streamId);
    const revision = recorded.at(-1)?.revision ?? -1;
    const sla = conversationSlaOf(recorded.map(decodeEvent));
    const policy = sla ? choosePolicy(current.policies, sla.routing) : null;
    const calendar = policy ? current.calendars.find((c) => c.id === policy.calendarId) : undefined;
    if (!sla || !policy || !calendar) {
      await writeSlaClock(deps.db, conversationId, revision, {
        policyId: null,
        dueAt: null,
        state: null,
        checkAt: null,
      });
      return;
    }
    const now = deps.now();
    const breaches = breachesToRecord(sla.facts, policy, calendar, now, sla.recorded);
    if (breaches.length > 0) {
      try {
        await deps.store.appendToStream(
          streamId,
          breaches.map((breach) =>
            encodeEvent(slaBreachedEvent(conversationId, policy.id, breach, now), {
              id: randomUUID(),
              occurredAt: now,
              metadata: { actor: SLA_CHECKER_ACTOR },
            }),
          ),
          { expectedRevision: revision },
        );
        deps.logger.info({ conversationId, breaches: breaches.map((b) => b.target) }, 'SLA breach recorded');
      } catch (error) {
        // Someone wrote first (an agent, another checker): the projection marks the row stale again.
        if (!isHubError(error, 'WRONG_EXPECTED_REVISION')) throw error;
      }
      return; // The projection marks the row stale on SlaBreached: the next round writes the clock.
    }
    const clock = computeSlaClock(sla.facts, policy, calendar, now);
    await writeSlaClock(deps.db, conversationId, revision, {
      policyId: policy.id,
      dueAt: clock.dueAt,
      state: clock.state,
      checkAt: nextSlaCheckAt(sla.facts, policy, calendar, now),
    });
  }

  async function checkNow(): Promise<void> {
    const current = await settings();
    if (current.policies.length === 0) {
      // No policy at all: no clock anywhere, without reading a stream.
      await clearSlaClocks(deps.db, deps.now());
      return;
    }
    // Batch after batch until nothing is due (after a settings change, every open conversation);
    // one that failed stays due, so a round ends after `maxBatches` at most.
    for (let batch = 0; batch < maxBatches && !stopped; batch++) {
      const due = await conversationsDueForSlaCheck(deps.db, deps.now(), batchSize);
      for (const { conversationId } of due) {
        if (stopped) return;
        try {
          await check(conversationId, current);
        } catch (error) {
          deps.logger.warn({ err: error, conversationId }, 'SLA check failed; retried next round');
        }
      }
      if (due.length < batchSize) return;
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = checkNow()
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'SLA check round failed; retried'))
        .finally(schedule);
    }, pollIntervalMs);
    // The poll never keeps a process alive on its own: `stop()` ends it, and so does exiting.
    timer.unref();
  };
  round = checkNow()
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'SLA check round failed; retried'))
    .finally(schedule);

  return {
    checkNow: () => {
      round = round.then(checkNow);
      return round;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round.catch(() => undefined);
    },
  };
}
