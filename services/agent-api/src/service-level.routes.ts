import { handleCommand, loadAggregate } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { conversationPriorities, SERVICE_LEVEL_SETTINGS_STREAM } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { type ServiceLevelSettingsCommand, serviceLevelSettingsDecider } from '@hub/service-levels';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';

export interface ServiceLevelApiDependencies {
  readonly store: EventStore;
  readonly newId: () => string;
  readonly now: () => Date;
}

// Every save may carry `revision`: the settings' revision the administrator saw (as
// `GET /v1/service-levels` gave it). A stale one changes nothing: 409 with the current settings.
const SettingsId = z.object({
  id: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { message: 'letters, digits, - and _' }),
});
const Revision = z.number().int().min(-1);
const LocalTime = z.string().max(5);
const CalendarBody = z.object({
  revision: Revision.optional(),
  /** IANA time zone, e.g. Asia/Tehran. */
  timeZone: z.string().min(1).max(100),
  /** Seven days, Sunday first; each a list of `{ start: 'HH:MM', end: 'HH:MM' }`, [] for a day off. */
  workingHours: z.array(z.array(z.object({ start: LocalTime, end: LocalTime })).max(12)).length(7),
  /** Local dates `YYYY-MM-DD`, whole days off. */
  holidays: z.array(z.string().max(10)).max(1000).default([]),
});
/** Business minutes; a year at most. */
const Minutes = z.number().int().positive().max(525_600);
const PolicyBody = z.object({
  revision: Revision.optional(),
  name: z.string().trim().min(1).max(200),
  calendarId: z.string().min(1).max(100),
  /** Empty lists match anything; both empty make the default policy. */
  appliesTo: z
    .object({
      inboxIds: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
      priorities: z.array(z.enum(conversationPriorities)).max(5).default([]),
    })
    .default({ inboxIds: [], priorities: [] }),
  targets: z.object({
    firstResponse: Minutes.optional(),
    nextResponse: Minutes.optional(),
    resolution: Minutes.optional(),
  }),
});

/** The answers document the fields clients rely on; calendars and policies as saved. */
const Settings = z.object({
  revision: z.number().int(),
  calendars: z.array(z.looseObject({ id: z.string() })).readonly(),
  policies: z.array(z.looseObject({ id: z.string() })).readonly(),
});
const Saved = z.object({ revision: z.number().int(), changed: z.boolean() });

const documented = { tags: ['service-levels'], security: security.agent } as const;
const readSchema = {
  ...documented,
  summary: 'Business calendars and SLA policies, and the settings’ revision',
  response: { 200: Settings, ...problems(401, 403) },
};
const calendarSchema = {
  ...documented,
  summary: 'Save a business calendar (time zone, working week Sunday first, holidays)',
  params: SettingsId,
  body: CalendarBody,
  response: {
    200: Saved.extend({ calendar: z.looseObject({ id: z.string() }).optional() }),
    ...problems(400, 401, 403, 409),
  },
};
const policySchema = {
  ...documented,
  summary: 'Save an SLA policy (its calendar, what it applies to, its targets in business minutes)',
  params: SettingsId,
  body: PolicyBody,
  response: {
    200: Saved.extend({ policy: z.looseObject({ id: z.string() }).optional() }),
    ...problems(400, 401, 403, 409),
  },
};

const read = { onRequest: requirePermission('service-levels:read') };
const manage = { onRequest: requirePermission('service-levels:manage') };

/**
 * Business calendars and SLA policies: admins and supervisors save them, everyone who works
 * conversations reads them. Each save is an event on the `service-level-settings` stream (who and
 * when); the SLA checker picks a change up on its next round and recomputes every open clock.
 * Register inside the scope that authenticates.
 */
export async function registerServiceLevelRoutes(scope: FastifyInstance, deps: ServiceLevelApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/v1/service-levels', { ...read, schema: readSchema }, async () => {
    const { state, revision } = await loadAggregate(
      deps.store,
      SERVICE_LEVEL_SETTINGS_STREAM,
      serviceLevelSettingsDecider,
    );
    return { revision, calendars: state.calendars, policies: state.policies };
  });

  async function save(request: FastifyRequest, seenRevision: number | undefined, command: ServiceLevelSettingsCommand) {
    const result = await handleCommand({
      store: deps.store,
      streamId: SERVICE_LEVEL_SETTINGS_STREAM,
      decider: serviceLevelSettingsDecider,
      command,
      ...(seenRevision === undefined ? {} : { seenRevision }),
      eventContext: () => ({
        id: deps.newId(),
        occurredAt: command.now,
        metadata: { actor: principalOf(request).actor },
      }),
    });
    return { revision: result.revision, changed: result.events.length > 0, state: result.state };
  }

  app.put('/v1/service-levels/calendars/:id', { ...manage, schema: calendarSchema }, async (request) => {
    const { id } = request.params;
    const { revision, ...calendar } = request.body;
    const result = await save(request, revision, {
      kind: 'SaveCalendar',
      calendar: { id, ...calendar },
      actor: principalOf(request).actor,
      now: deps.now(),
    });
    return {
      revision: result.revision,
      changed: result.changed,
      calendar: result.state.calendars.find((c) => c.id === id),
    };
  });

  app.put('/v1/service-levels/policies/:id', { ...manage, schema: policySchema }, async (request) => {
    const { id } = request.params;
    const { revision, ...policy } = request.body;
    const result = await save(request, revision, {
      kind: 'SavePolicy',
      policy: { id, ...policy },
      actor: principalOf(request).actor,
      now: deps.now(),
    });
    return {
      revision: result.revision,
      changed: result.changed,
      policy: result.state.policies.find((p) => p.id === id),
    };
  });
}
