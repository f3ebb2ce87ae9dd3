import { z } from 'zod';
import { Actor } from './values.ts';

/** The promises a service-level policy makes to a customer, in the order a conversation meets them. */
export const slaTargets = ['first-response', 'next-response', 'resolution'] as const;
export const SlaTarget = z.enum(slaTargets);
export type SlaTarget = z.infer<typeof SlaTarget>;

const Instant = z.iso.datetime({ offset: true });

/**
 * A conversation missed one of its policy's targets. Recorded once per missed target (once per
 * customer wait for next-response), also by a checker that restarted after the due time.
 */
export const SlaBreached = z.object({
  conversationId: z.string().min(1),
  policyId: z.string().min(1),
  target: SlaTarget,
  /** When the target fell due: the first instant the conversation was late. */
  dueAt: Instant,
  /** When the hub saw the breach; later than `dueAt` by the checker's delay or downtime. */
  breachedAt: Instant,
});

const LocalTime = z.string().regex(/^\d{2}:\d{2}$/);

/**
 * An administrator saved a business calendar (new, or replacing the one with this id): its time
 * zone, working ranges per weekday (index 0 = Sunday) and holidays (local dates). The whole
 * calendar is in the event, so the settings stream alone says what applied when.
 */
export const BusinessCalendarSaved = z.object({
  calendar: z.object({
    id: z.string().min(1).max(100),
    timeZone: z.string().min(1).max(100),
    workingHours: z.array(z.array(z.object({ start: LocalTime, end: LocalTime }))).length(7),
    holidays: z.array(z.string()),
  }),
  actor: Actor,
  at: Instant,
});

/** An administrator saved an SLA policy (new ones go last: the order breaks ties between equals). */
export const SlaPolicySaved = z.object({
  policy: z.object({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    calendarId: z.string().min(1).max(100),
    appliesTo: z.object({
      inboxIds: z.array(z.string().min(1)),
      priorities: z.array(z.enum(['none', 'low', 'medium', 'high', 'urgent'])),
    }),
    targets: z.object({
      firstResponse: z.number().int().positive().optional(),
      nextResponse: z.number().int().positive().optional(),
      resolution: z.number().int().positive().optional(),
    }),
  }),
  actor: Actor,
  at: Instant,
});
