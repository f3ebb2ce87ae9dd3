import { HubError } from '@hub/errors';
import type { SlaTarget } from '@hub/events';
import type { BusinessCalendar } from './business-calendar.schema.ts';
import { addBusinessTime } from './business-calendar.ts';
import type { ConversationSlaFacts } from './sla-facts.ts';
import type { SlaPolicy } from './sla-policy.ts';
import { resolutionRun, responseRun, type TargetRun } from './target-runs.ts';

export type SlaState = 'ok' | 'due-soon' | 'breached';

/**
 * A target is due soon when at most this share of its business time is left: proportional, so a
 * 15-minute chat response warns 3 minutes ahead and a 3-day resolution most of a day ahead.
 */
export const DUE_SOON_SHARE = 0.2;

export interface SlaTargetClock {
  readonly target: SlaTarget;
  /** The first instant the conversation is late; null while the resolution clock is paused. */
  readonly dueAt: Date | null;
  /** When the target stopped counting (answered or resolved); null while it counts or is paused. */
  readonly stoppedAt: Date | null;
  readonly state: SlaState;
}

export interface SlaClock {
  readonly policyId: string;
  /** First response, the latest next response, resolution; each only once it applies. */
  readonly targets: readonly SlaTargetClock[];
  /** The worst state among targets that still count or are paused; null when none does. */
  readonly state: SlaState | null;
  /** The earliest due time among targets still counting, overdue ones included: the inbox's sort key. */
  readonly dueAt: Date | null;
  /** The earliest due time not yet passed: when a breach checker must look at this conversation again. */
  readonly nextBreachAt: Date | null;
}

export interface RecordedBreach {
  readonly target: SlaTarget;
  readonly dueAt: Date;
}

const stateOf = (run: TargetRun): SlaState => {
  if (run.breached) return 'breached';
  if (run.stoppedAt === null && run.remainingMs <= run.allowedMs * DUE_SOON_SHARE) return 'due-soon';
  return 'ok';
};

const severity: Record<SlaState, number> = { ok: 0, 'due-soon': 1, breached: 2 };

function checkCalendar(policy: SlaPolicy, calendar: BusinessCalendar): void {
  if (policy.calendarId !== calendar.id) {
    throw new HubError(
      'INVALID_INPUT',
      `SLA policy ${policy.id} counts in calendar ${policy.calendarId}, not ${calendar.id}`,
      {
        policyId: policy.id,
        calendarId: calendar.id,
      },
    );
  }
}

/** Every run of every target of the policy, oldest first, as things stand at `now`. */
function measure(facts: ConversationSlaFacts, policy: SlaPolicy, calendar: BusinessCalendar, now: Date): TargetRun[] {
  checkCalendar(policy, calendar);
  const { firstResponse, nextResponse, resolution } = policy.targets;
  const runs: TargetRun[] = [];
  facts.waits
    .filter((wait) => wait.since <= now)
    .forEach((wait, index) => {
      const minutes = index === 0 ? firstResponse : nextResponse;
      if (minutes !== undefined) {
        runs.push(responseRun(index === 0 ? 'first-response' : 'next-response', minutes, wait, calendar, now));
      }
    });
  if (resolution !== undefined) runs.push(resolutionRun(resolution, facts, calendar, now));
  return runs;
}

/** Due times and states of a conversation's targets at `now`: what the inbox shows and sorts by. */
export function computeSlaClock(
  facts: ConversationSlaFacts,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: Date,
): SlaClock {
  const runs = measure(facts, policy, calendar, now);
  const latestNext = runs.filter((run) => run.target === 'next-response').at(-1);
  const shown = runs.filter((run) => run.target !== 'next-response' || run === latestNext);
  const targets = shown.map((run) => ({
    target: run.target,
    dueAt: run.dueAt,
    stoppedAt: run.stoppedAt,
    state: stateOf(run),
  }));
  const live = targets.filter((clock) => clock.stoppedAt === null);
  const state = live.reduce<SlaState | null>(
    (worst, clock) => (worst === null || severity[clock.state] > severity[worst] ? clock.state : worst),
    null,
  );
  const earliest = (dates: readonly (Date | null)[]): Date | null =>
    dates.reduce<Date | null>(
      (first, date) => (date !== null && (first === null || date < first) ? date : first),
      null,
    );
  return {
    policyId: policy.id,
    targets,
    state,
    dueAt: earliest(live.map((clock) => clock.dueAt)),
    nextBreachAt: earliest(live.filter((clock) => clock.state !== 'breached').map((clock) => clock.dueAt)),
  };
}

/** Whether a breach already recorded (from the conversation's SlaBreached events) is this run's. */
function isRecorded(run: TargetRun, recorded: readonly RecordedBreach[]): boolean {
  return recorded.some(
    (breach) =>
      breach.target === run.target &&
      // First response and resolution are missed at most once per conversation; next response once
      // per customer wait, and a breach of a wait falls due inside it, whatever policy applied then.
      (run.target !== 'next-response' ||
        (breach.dueAt >= run.since && (run.until === null || breach.dueAt <= run.until))),
  );
}

/**
 * The breaches that happened by `now` and are not among `alreadyRecorded`. A checker appends one
 * SlaBreached per result; after a restart it passes the breaches its events already hold and
 * records nothing twice.
 */
export function breachesToRecord(
  facts: ConversationSlaFacts,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: Date,
  alreadyRecorded: readonly RecordedBreach[],
): RecordedBreach[] {
  return measure(facts, policy, calendar, now).flatMap((run) =>
    run.breached && run.dueAt !== null && !isRecorded(run, alreadyRecorded)
      ? [{ target: run.target, dueAt: run.dueAt }]
      : [],
  );
}

/**
 * The next instant after `now` at which the clock changes with no event: a target turning
 * due-soon or falling due. Null when nothing counts (answered, resolved, paused, or breached
 * already). A checker looks at the conversation again then.
 */
export function nextSlaCheckAt(
  facts: ConversationSlaFacts,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: Date,
): Date | null {
  let next: Date | null = null;
  for (const run of measure(facts, policy, calendar, now)) {
    if (run.breached || run.stoppedAt !== null || run.dueAt === null) continue;
    const warnMs = run.remainingMs - run.allowedMs * DUE_SOON_SHARE;
    const at = warnMs > 0 ? addBusinessTime(calendar, now, warnMs) : run.dueAt;
    // Business time ends at a closing instant: the state changes just after it.
    const checkAt = at > now ? at : run.dueAt;
    if (next === null || checkAt < next) next = checkAt;
  }
  return next;
}
