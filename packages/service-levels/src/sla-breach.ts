import type { DomainEventOf } from '@hub/events';
import type { RecordedBreach } from './sla-clock.ts';

/** The event a checker appends for a breach it found at `now`. */
export const slaBreachedEvent = (
  conversationId: string,
  policyId: string,
  breach: RecordedBreach,
  now: Date,
): DomainEventOf<'SlaBreached'> => ({
  type: 'SlaBreached',
  data: {
    conversationId,
    policyId,
    target: breach.target,
    dueAt: breach.dueAt.toISOString(),
    breachedAt: now.toISOString(),
  },
});

/** What a recorded SlaBreached tells `breachesToRecord`. */
export const recordedBreachOf = (data: DomainEventOf<'SlaBreached'>['data']): RecordedBreach => ({
  target: data.target,
  dueAt: new Date(data.dueAt),
});
