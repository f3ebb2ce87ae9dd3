import { randomUUID } from 'node:crypto';
import { can } from '@hub/access';
import { type Decider, handleCommand, loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { agentPresenceStream, channels, type DomainEvent, inboxStream, Presence, teamStream } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { inboxDecider, presenceDecider, teamDecider } from '@hub/routing';
import { agentWorkload, listInboxes, listPresence, listTeams } from '@hub/routing-read-model';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';

export interface RoutingApiDependencies {
  readonly store: EventStore;
  readonly readModels: SqlExecutor;
  /** Whether a user exists and is active: only they can join a team. */
  readonly isActiveUser: (userId: string) => Promise<boolean>;
  readonly now: () => Date;
}

const Revision = z.number().int().min(-1);
const UserId = z.string().trim().min(1).max(128);
const Cap = z.number().int().min(1).max(1000);
const TeamBody = z.object({ name: z.string().trim().min(1).max(200), maxOpenPerAgent: Cap }).strict();
const TeamParams = z.object({ id: z.string().uuid() });
const MemberBody = z.object({ revision: Revision, userId: UserId }).strict();
const MemberParams = z.object({ id: z.string().uuid(), userId: UserId });
const RevisionQuery = z.object({ revision: z.coerce.number().int().min(-1) });
const CapBody = z.object({ revision: Revision, maxOpenPerAgent: Cap }).strict();
/** An inbox covers a channel (no endpoints) or some of its endpoints: addresses, form ids, platforms. */
const InboxBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    channel: z.enum(channels),
    endpoints: z.array(z.string().trim().min(1).max(512)).max(100).default([]),
    teamId: z.string().uuid().nullable().default(null),
  })
  .strict();
const InboxParams = z.object({ id: z.string().uuid() });
const InboxTeamBody = z.object({ revision: Revision, teamId: z.string().uuid().nullable() }).strict();
const PresenceBody = z.object({ presence: Presence }).strict();
const Team = z.object({
  teamId: z.string(),
  name: z.string(),
  maxOpenPerAgent: z.number().int(),
  members: z.array(z.string()).readonly(),
  revision: z.number().int().meta({ description: 'send it back as the revision you saw with any change' }),
});
const Inbox = z.object({
  inboxId: z.string(),
  name: z.string(),
  channel: z.enum(channels),
  endpoints: z.array(z.string()).readonly(),
  teamId: z.string().nullable(),
  revision: z.number().int().meta({ description: 'send it back as the revision you saw with any change' }),
});
const Change = z.object({ revision: z.number().int(), changed: z.boolean() });
const TeamChanged = Change.extend({ teamId: z.string() });
const InboxChanged = Change.extend({ inboxId: z.string() });
const Workload = z.object({
  agents: z.array(
    z.object({
      agentId: z.string(),
      presence: Presence,
      teams: z.array(z.string()).readonly(),
      open: z.number().int(),
      pending: z.number().int(),
      snoozed: z.number().int(),
    }),
  ),
});

/** What every routing route shares in the document. */
const documented = { tags: ['routing'], security: security.agent } as const;
/** A change: 409 WRONG_EXPECTED_REVISION with the current state when the revision is stale. */
const changeProblems = problems(400, 401, 403, 404, 409, 413);
const teamsSchema = {
  ...documented,
  summary: 'Teams with their members and cap of open conversations per agent',
  response: { 200: z.object({ teams: z.array(Team) }), ...problems(401, 403) },
};
const createTeamSchema = {
  ...documented,
  summary: 'Create a team (routing:manage)',
  body: TeamBody,
  response: { 201: z.object({ teamId: z.string(), revision: z.number().int() }), ...problems(400, 401, 403, 413) },
};
const addMemberSchema = {
  ...documented,
  summary: 'Add an active user to a team (routing:manage)',
  params: TeamParams,
  body: MemberBody,
  response: { 200: TeamChanged, ...changeProblems },
};
const removeMemberSchema = {
  ...documented,
  summary: 'Remove a member from a team (routing:manage)',
  params: MemberParams,
  querystring: RevisionQuery,
  response: { 200: TeamChanged, ...changeProblems },
};
const capSchema = {
  ...documented,
  summary: "Change a team's cap of open conversations per agent (routing:manage)",
  params: TeamParams,
  body: CapBody,
  response: { 200: TeamChanged, ...changeProblems },
};
const inboxesSchema = {
  ...documented,
  summary: 'Inboxes: the channel or endpoints each covers and the team it routes to',
  response: { 200: z.object({ inboxes: z.array(Inbox) }), ...problems(401, 403) },
};
const createInboxSchema = {
  ...documented,
  summary: 'Create an inbox for a channel or some of its endpoints (routing:manage)',
  body: InboxBody,
  response: { 201: z.object({ inboxId: z.string(), revision: z.number().int() }), ...problems(400, 401, 403, 413) },
};
const inboxTeamSchema = {
  ...documented,
  summary: "Change an inbox's team, or none (routing:manage)",
  params: InboxParams,
  body: InboxTeamBody,
  response: { 200: InboxChanged, ...changeProblems },
};
const presenceSchema = {
  ...documented,
  summary: "A signed-in user's own presence: the latest choice wins",
  body: PresenceBody,
  response: {
    200: Change.extend({ userId: z.string(), presence: Presence }),
    ...problems(400, 401, 403, 413),
  },
};
const presenceListSchema = {
  ...documented,
  summary: "Every agent's presence (workload:read)",
  response: {
    200: z.object({ agents: z.array(z.object({ userId: z.string(), presence: Presence, changedAt: z.date() })) }),
    ...problems(401, 403),
  },
};
const workloadSchema = {
  ...documented,
  summary: "Agents' open, pending and snoozed conversations: everyone's with workload:read, else one's own",
  response: { 200: Workload, ...problems(401, 403) },
};

/** The largest body: an inbox with its hundred endpoints fits; more is 413. */
const BODY_LIMIT = 64 * 1024;
const manage = { onRequest: requirePermission('routing:manage'), bodyLimit: BODY_LIMIT };
const read = { onRequest: requirePermission('conversations:read') };

/** Only a signed-in user has a presence: an API token is refused before its body is read. */
async function requireUser(request: FastifyRequest): Promise<void> {
  if (principalOf(request).kind !== 'user') throw new HubError('FORBIDDEN', 'only a signed-in user has a presence');
}

/**
 * Teams, inboxes and presence: the routing's configuration. Every change is a command decided on
 * its stream (`team-<id>`, `inbox-<id>`, `agent-presence-<user>`) at the revision the supervisor
 * saw, naming who made it; lists come from the routing read model. Register inside the scope that
 * authenticates.
 */
export async function registerRoutingRoutes(scope: FastifyInstance, deps: RoutingApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  async function decide<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    seenRevision?: number | null,
  ) {
    const result = await handleCommand({
      store: deps.store,
      streamId,
      decider,
      command,
      ...(seenRevision === undefined ? {} : { seenRevision }),
      eventContext: () => ({ id: randomUUID(), occurredAt: deps.now() }),
    });
    return { revision: result.revision, changed: result.events.length > 0 };
  }
  const actorOf = (request: FastifyRequest) => principalOf(request).actor;
  async function requireTeam(teamId: string | null) {
    if (teamId === null) return;
    const { state } = await loadAggregate(deps.store, teamStream(teamId), teamDecider);
    if (!state.exists) throw new HubError('INVALID_INPUT', `no team ${teamId}`);
  }

  app.get('/v1/teams', { ...read, schema: teamsSchema }, async () => ({ teams: await listTeams(deps.readModels) }));

  app.post('/v1/teams', { ...manage, schema: createTeamSchema }, async (request, reply) => {
    const body = request.body;
    const teamId = randomUUID();
    const result = await decide(
      teamStream(teamId),
      teamDecider,
      { kind: 'create', teamId, name: body.name, maxOpenPerAgent: body.maxOpenPerAgent, actor: actorOf(request) },
      null,
    );
    return reply.status(201).send({ teamId, revision: result.revision });
  });

  app.post('/v1/teams/:id/members', { ...manage, schema: addMemberSchema }, async (request) => {
    const { id } = request.params;
    const body = request.body;
    if (!(await deps.isActiveUser(body.userId))) throw new HubError('INVALID_INPUT', `no active user ${body.userId}`);
    const command = { kind: 'add-member', userId: body.userId, actor: actorOf(request) } as const;
    return { teamId: id, ...(await decide(teamStream(id), teamDecider, command, body.revision)) };
  });

  app.delete('/v1/teams/:id/members/:userId', { ...manage, schema: removeMemberSchema }, async (request) => {
    const { id, userId } = request.params;
    const { revision } = request.query;
    const command = { kind: 'remove-member', userId, actor: actorOf(request) } as const;
    return { teamId: id, ...(await decide(teamStream(id), teamDecider, command, revision)) };
  });

  app.put('/v1/teams/:id/cap', { ...manage, schema: capSchema }, async (request) => {
    const { id } = request.params;
    const body = request.body;
    const command = { kind: 'change-cap', maxOpenPerAgent: body.maxOpenPerAgent, actor: actorOf(request) } as const;
    return { teamId: id, ...(await decide(teamStream(id), teamDecider, command, body.revision)) };
  });

  app.get('/v1/inboxes', { ...read, schema: inboxesSchema }, async () => ({
    inboxes: await listInboxes(deps.readModels),
  }));

  app.post('/v1/inboxes', { ...manage, schema: createInboxSchema }, async (request, reply) => {
    const body = request.body;
    await requireTeam(body.teamId);
    const inboxId = randomUUID();
    const result = await decide(
      inboxStream(inboxId),
      inboxDecider,
      { kind: 'create', inboxId, ...body, actor: actorOf(request) },
      null,
    );
    return reply.status(201).send({ inboxId, revision: result.revision });
  });

  app.put('/v1/inboxes/:id/team', { ...manage, schema: inboxTeamSchema }, async (request) => {
    const { id } = request.params;
    const body = request.body;
    await requireTeam(body.teamId);
    const command = { kind: 'change-team', teamId: body.teamId, actor: actorOf(request) } as const;
    return { inboxId: id, ...(await decide(inboxStream(id), inboxDecider, command, body.revision)) };
  });

  // One's own presence is not a view of others' work: the latest choice wins, no revision.
  const setPresence = {
    onRequest: [requirePermission('presence:set'), requireUser],
    bodyLimit: BODY_LIMIT,
    schema: presenceSchema,
  };
  app.put('/v1/me/presence', setPresence, async (request) => {
    const principal = principalOf(request);
    if (principal.kind !== 'user') throw new HubError('FORBIDDEN', 'only a signed-in user has a presence');
    const { presence } = request.body;
    const { userId } = principal;
    const command = { userId, presence, actor: principal.actor };
    return { userId, presence, ...(await decide(agentPresenceStream(userId), presenceDecider, command)) };
  });

  const readPresence = { onRequest: requirePermission('workload:read'), schema: presenceListSchema };
  app.get('/v1/presence', readPresence, async () => ({
    agents: await listPresence(deps.readModels),
  }));

  // Supervisors see every agent's load; anyone else who reads conversations sees their own.
  app.get('/v1/agents/workload', { ...read, schema: workloadSchema }, async (request) => {
    const principal = principalOf(request);
    if (can(principal.role, 'workload:read')) return { agents: await agentWorkload(deps.readModels) };
    if (principal.kind !== 'user') return { agents: [] };
    return { agents: await agentWorkload(deps.readModels, principal.userId) };
  });
}
