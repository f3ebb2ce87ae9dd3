import { randomUUID } from 'node:crypto';
import { can } from '@hub/access';
import { type Decider, handleCommand, loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { agentPresenceStream, channels, type DomainEvent, inboxStream, Presence, teamStream } from '@hub/events';
import { inboxDecider, presenceDecider, teamDecider } from '@hub/routing';
import { agentWorkload, listInboxes, listPresence, listTeams } from '@hub/routing-read-model';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { parseInput } from './parse-input.ts';

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

/** The largest body: an inbox with its hundred endpoints fits; more is 413. */
const BODY_LIMIT = 64 * 1024;
const manage = { onRequest: requirePermission('routing:manage'), bodyLimit: BODY_LIMIT };
const read = { onRequest: requirePermission('conversations:read') };

/**
 * Teams, inboxes and presence: the routing's configuration. Every change is a command decided on
 * its stream (`team-<id>`, `inbox-<id>`, `agent-presence-<user>`) at the revision the supervisor
 * saw, naming who made it; lists come from the routing read model. Register inside the scope that
 * authenticates.
 */
export async function registerRoutingRoutes(app: FastifyInstance, deps: RoutingApiDependencies) {
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

  app.get('/v1/teams', read, async () => ({ teams: await listTeams(deps.readModels) }));

  app.post('/v1/teams', manage, async (request, reply) => {
    const body = parseInput(TeamBody, request.body, 'team');
    const teamId = randomUUID();
    const result = await decide(
      teamStream(teamId),
      teamDecider,
      { kind: 'create', teamId, name: body.name, maxOpenPerAgent: body.maxOpenPerAgent, actor: actorOf(request) },
      null,
    );
    return reply.status(201).send({ teamId, revision: result.revision });
  });

  app.post('/v1/teams/:id/members', manage, async (request) => {
    const { id } = parseInput(TeamParams, request.params, 'team id');
    const body = parseInput(MemberBody, request.body, 'member');
    if (!(await deps.isActiveUser(body.userId))) throw new HubError('INVALID_INPUT', `no active user ${body.userId}`);
    const command = { kind: 'add-member', userId: body.userId, actor: actorOf(request) } as const;
    return { teamId: id, ...(await decide(teamStream(id), teamDecider, command, body.revision)) };
  });

  app.delete('/v1/teams/:id/members/:userId', manage, async (request) => {
    const { id, userId } = parseInput(MemberParams, request.params, 'member');
    const { revision } = parseInput(RevisionQuery, request.query, 'member query');
    const command = { kind: 'remove-member', userId, actor: actorOf(request) } as const;
    return { teamId: id, ...(await decide(teamStream(id), teamDecider, command, revision)) };
  });

  app.put('/v1/teams/:id/cap', manage, async (request) => {
    const { id } = parseInput(TeamParams, request.params, 'team id');
    const body = parseInput(CapBody, request.body, 'cap');
    const command = { kind: 'change-cap', maxOpenPerAgent: body.maxOpenPerAgent, actor: actorOf(request) } as const;
    return { teamId: id, ...(await decide(teamStream(id), teamDecider, command, body.revision)) };
  });

  app.get('/v1/inboxes', read, async () => ({ inboxes: await listInboxes(deps.readModels) }));

  app.post('/v1/inboxes', manage, async (request, reply) => {
    const body = parseInput(InboxBody, request.body, 'inbox');
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

  app.put('/v1/inboxes/:id/team', manage, async (request) => {
    const { id } = parseInput(InboxParams, request.params, 'inbox id');
    const body = parseInput(InboxTeamBody, request.body, 'inbox team');
    await requireTeam(body.teamId);
    const command = { kind: 'change-team', teamId: body.teamId, actor: actorOf(request) } as const;
    return { inboxId: id, ...(await decide(inboxStream(id), inboxDecider, command, body.revision)) };
  });

  // One's own presence is not a view of others' work: the latest choice wins, no revision.
  app.put(
    '/v1/me/presence',
    { onRequest: requirePermission('presence:set'), bodyLimit: BODY_LIMIT },
    async (request) => {
      const principal = principalOf(request);
      if (principal.kind !== 'user') throw new HubError('FORBIDDEN', 'only a signed-in user has a presence');
      const { presence } = parseInput(PresenceBody, request.body, 'presence');
      const { userId } = principal;
      const command = { userId, presence, actor: principal.actor };
      return { userId, presence, ...(await decide(agentPresenceStream(userId), presenceDecider, command)) };
    },
  );

  app.get('/v1/presence', { onRequest: requirePermission('workload:read') }, async () => ({
    agents: await listPresence(deps.readModels),
  }));

  // Supervisors see every agent's load; anyone else who reads conversations sees their own.
  app.get('/v1/agents/workload', read, async (request) => {
    const principal = principalOf(request);
    if (can(principal.role, 'workload:read')) return { agents: await agentWorkload(deps.readModels) };
    if (principal.kind !== 'user') return { agents: [] };
    return { agents: await agentWorkload(deps.readModels, principal.userId) };
  });
}
