import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor, DomainEventOf } from '@hub/events';
import { type BusinessCalendar, parseBusinessCalendar } from './business-calendar.schema.ts';
import { parseSlaPolicy, type SlaPolicy } from './sla-policy.ts';

// The hub's business calendars and SLA policies, as administrators manage them: one stream
// (`service-level-settings`), each save an event carrying the whole calendar or policy, so the
// history says what applied when and who changed it.

export type ServiceLevelSettingsEvent = DomainEventOf<'BusinessCalendarSaved'> | DomainEventOf<'SlaPolicySaved'>;

export interface ServiceLevelSettings {
  readonly calendars: readonly BusinessCalendar[];
  /** In the order they were first saved: the tie-break between equally specific policies. */
  readonly policies: readonly SlaPolicy[];
}

export type ServiceLevelSettingsCommand =
  | { readonly kind: 'SaveCalendar'; readonly calendar: unknown; readonly actor: Actor; readonly now: Date }
  | { readonly kind: 'SavePolicy'; readonly policy: unknown; readonly actor: Actor; readonly now: Date };

const replaceOrAppend = <Item extends { readonly id: string }>(items: readonly Item[], item: Item): Item[] =>
  items.some((existing) => existing.id === item.id)
    ? items.map((existing) => (existing.id === item.id ? item : existing))
    : [...items, item];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saving validates with the package's own rules (`parseBusinessCalendar`, `parseSlaPolicy`:
 * INVALID_INPUT naming every problem); a policy must count in a calendar that exists. Saving what
 * is already there records nothing.
 */
export const serviceLevelSettingsDecider: Decider<
  ServiceLevelSettingsCommand,
  ServiceLevelSettingsEvent,
  ServiceLevelSettings
> = {
  initialState: { calendars: [], policies: [] },
  decide(command, state) {
    const at = command.now.toISOString();
    switch (command.kind) {
      case 'SaveCalendar': {
        const calendar = parseBusinessCalendar(command.calendar);
        if (
          same(
            state.calendars.find((c) => c.id === calendar.id),
            calendar,
          )
        )
          return [];
        return [{ type: 'BusinessCalendarSaved', data: { calendar, actor: command.actor, at } }];
      }
      case 'SavePolicy': {
        const policy = parseSlaPolicy(command.policy);
        if (!state.calendars.some((c) => c.id === policy.calendarId)) {
          throw new HubError(
            'INVALID_INPUT',
            `The SLA policy counts in calendar "${policy.calendarId}", which does not exist`,
            {
              problems: [`calendarId: no calendar "${policy.calendarId}"`],
            },
          );
        }
        if (
          same(
            state.policies.find((p) => p.id === policy.id),
            policy,
          )
        )
          return [];
        return [{ type: 'SlaPolicySaved', data: { policy, actor: command.actor, at } }];
      }
      default:
        return command satisfies never;
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'BusinessCalendarSaved':
        return { ...state, calendars: replaceOrAppend(state.calendars, event.data.calendar) };
      case 'SlaPolicySaved':
        return { ...state, policies: replaceOrAppend(state.policies, event.data.policy) };
      default:
        return event satisfies never;
    }
  },
};
