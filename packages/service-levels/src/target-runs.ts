import type { SlaTarget } from '@hub/events';
import type { BusinessCalendar } from './business-calendar.schema.ts';
import { addBusinessTime, businessTimeBetween } from './business-calendar.ts';
import { MINUTE_MS } from './local-time.ts';
import type { ConversationSlaFacts, ConversationStatus, CustomerWait } from './sla-facts.ts';

/** One target measured once: a customer wait for a response target, the whole conversation for resolution. */
export interface TargetRun {
  readonly target: SlaTarget;
  /** Business milliseconds the policy allows. */
  readonly allowedMs: number;
  /** The span a breach of this run falls in; tells a recorded breach's run apart from another's. */
  readonly since: Date;
  readonly until: Date | null;
  /** The first instant the conversation is late; null while a paused clock makes it unknowable. */
  readonly dueAt: Date | null;
  /** When the run stopped counting (answered, resolved); null while it counts or is paused. */
  readonly stoppedAt: Date | null;
  readonly breached: boolean;
  /** Business milliseconds left at `now`; 0 once breached or stopped. */
  readonly remainingMs: number;
}

export function responseRun(
  target: SlaTarget,
  minutes: number,
  wait: CustomerWait,
  calendar: BusinessCalendar,
  now: Date,
): TargetRun {
  const allowedMs = minutes * MINUTE_MS;
  const dueAt = addBusinessTime(calendar, wait.since, allowedMs);
  // Answered at the due instant is late: `dueAt` is the first late instant.
  const breached = (wait.answeredAt ?? now) >= dueAt;
  const counting = wait.answeredAt === null && !breached;
  return {
    target,
    allowedMs,
    since: wait.since,
    until: wait.answeredAt,
    dueAt,
    stoppedAt: wait.answeredAt,
    breached,
    remainingMs: counting ? businessTimeBetween(calendar, now, dueAt) : 0,
  };
}

/**
 * Resolution counts business time while the conversation is open, from its opening, across
 * reopenings; pending and snoozed pause it (waiting on the customer or on a date, as Zendesk's
 * on-hold), resolved stops it.
 */
export function resolutionRun(
  minutes: number,
  facts: ConversationSlaFacts,
  calendar: BusinessCalendar,
  now: Date,
): TargetRun {
  const allowedMs = minutes * MINUTE_MS;
  const base = { target: 'resolution' as const, allowedMs, since: facts.openedAt, until: null };
  const changes = facts.statusChanges.filter((change) => change.at <= now);
  let remainingMs = allowedMs;
  let status: ConversationStatus = 'open';
  let since = facts.openedAt;
  for (const change of changes) {
    if (status === 'open') {
      const dueAt = addBusinessTime(calendar, since, remainingMs);
      if (dueAt <= change.at) {
        const last = changes.at(-1);
        const stoppedAt = last?.status === 'resolved' ? last.at : null;
        return { ...base, dueAt, stoppedAt, breached: true, remainingMs: 0 };
      }
      remainingMs -= businessTimeBetween(calendar, since, change.at);
    }
    status = change.status;
    since = change.at;
  }
  if (status === 'open') {
    const dueAt = addBusinessTime(calendar, since, remainingMs);
    const breached = now >= dueAt;
    return {
      ...base,
      dueAt,
      stoppedAt: null,
      breached,
      remainingMs: breached ? 0 : businessTimeBetween(calendar, now, dueAt),
    };
  }
  if (status === 'resolved') {
    // The deadline it beat, as it stood when resolved.
    return {
      ...base,
      dueAt: addBusinessTime(calendar, since, remainingMs),
      stoppedAt: since,
      breached: false,
      remainingMs: 0,
    };
  }
  return { ...base, dueAt: null, stoppedAt: null, breached: false, remainingMs };
}
