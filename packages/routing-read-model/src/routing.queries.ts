import type { Channel, Presence } from '@hub/events';
import type { InboxRoute, Priority, RoutingSituation } from '@hub/routing';
import type { SqlExecutor } from '@hub/sql';

export interface TeamView {
  readonly teamId: string;
  readonly name: string;
  readonly maxOpenPerAgent: number;
  /** In the order they joined: the order the round robin walks. */
  readonly members: readonly string[];
  readonly revision: number;
}

export interface InboxView {
  readonly inboxId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly endpoints: readonly string[];
  readonly teamId: string | null;
  readonly revision: number;
}

export interface AgentPresenceView {
  readonly userId: string;
  readonly presence: Presence;
  readonly changedAt: Date;
}

export interface AgentWorkload {
  readonly agentId: string;
  readonly presence: Presence;
  readonly teams: readonly string[];
  readonly open: number;
  readonly pending: number;
  readonly snoozed: number;
}

export async function listTeams(db: SqlExecutor): Promise<TeamView[]> {
  const rows = await db.query<{
    team_id: string;
    name: string;
    max_open_per_agent: number;
    members: string[];
    revision: number;
  }>(
    `SELECT t.team_id, t.name, t.max_open_per_agent, t.revision,
            coalesce(array(SELECT m.user_id FROM routing.team_members m WHERE m.team_id = t.team_id
                            ORDER BY m.joined_revision), '{}') AS members
       FROM routing.teams t ORDER BY t.created_at, t.team_id`,
  );
  return rows.map((row) => ({
    teamId: row.team_id,
    name: row.name,
    maxOpenPerAgent: row.max_open_per_agent,
    members: row.members,
    revision: row.revision,
  }));
}

export async function listInboxes(db: SqlExecutor): Promise<InboxView[]> {
  const rows = await db.query<{
    inbox_id: string;
    name: string;
    channel: Channel;
    endpoints: string[];
    team_id: string | null;
    revision: number;
  }>(
    `SELECT inbox_id, name, channel, endpoints, team_id, revision FROM routing.inboxes
      ORDER BY created_at, inbox_id`,
  );
  return rows.map((row) => ({
    inboxId: row.inbox_id,
    name: row.name,
    channel: row.channel,
    endpoints: row.endpoints,
    teamId: row.team_id,
    revision: row.revision,
  }));
}

/** The configured inboxes in the order they were created, as `chooseInbox` takes them. */
export const inboxRoutes = async (db: SqlExecutor): Promise<InboxRoute[]> =>
  (await listInboxes(db)).map(({ inboxId, channel, endpoints }) => ({ inboxId, channel, endpoints }));

export async function listPresence(db: SqlExecutor): Promise<AgentPresenceView[]> {
  const rows = await db.query<{ user_id: string; presence: Presence; changed_at: Date }>(
    'SELECT user_id, presence, changed_at FROM routing.presence ORDER BY user_id',
  );
  return rows.map((row) => ({ userId: row.user_id, presence: row.presence, changedAt: new Date(row.changed_at) }));
}

/** Agents whose presence is not `away`, with the revision of their presence stream it shows. */
export async function agentsPresent(db: SqlExecutor): Promise<{ userId: string; revision: number }[]> {
  const rows = await db.query<{ user_id: string; revision: number }>(
    "SELECT user_id, revision FROM routing.presence WHERE presence <> 'away' ORDER BY user_id",
  );
  return rows.map((row) => ({ userId: row.user_id, revision: Number(row.revision) }));
}

/**
 * Per agent (a team member, anyone who set a presence, anyone holding a conversation): presence
 * (`away` until they set one), teams, and the conversations assigned to them by status.
 */
export async function agentWorkload(db: SqlExecutor, only?: string): Promise<AgentWorkload[]> {
  const rows = await db.query<{
    user_id: string;
    presence: Presence | null;
    teams: string[];
    open: number;
    pending: number;
    snoozed: number;
  }>(
    // Every row read is one of an agent's unresolved conversations, through the (agent_id, status)
    // index: the agents who hold any are found by skipping from one agent id to the next (one
    // probe per agent), and each agent's counts by probes of its own. A join over all
    // conversations read every resolved one too, whenever the planner had no statistics.
    `WITH RECURSIVE holders(agent_id) AS (
       (SELECT agent_id FROM routing.conversations WHERE agent_id IS NOT NULL ORDER BY agent_id LIMIT 1)
       UNION ALL
       SELECT (SELECT c.agent_id FROM routing.conversations c WHERE c.agent_id > h.agent_id ORDER BY c.agent_id LIMIT 1)
         FROM holders h WHERE h.agent_id IS NOT NULL
     ), known AS (
       SELECT user_id FROM routing.team_members UNION SELECT user_id FROM routing.presence
     ), agents AS (
       SELECT user_id FROM known UNION SELECT agent_id FROM holders WHERE agent_id IS NOT NULL
     )
     SELECT a.user_id, p.presence,
            coalesce(array(SELECT m.team_id FROM routing.team_members m WHERE m.user_id = a.user_id
                            ORDER BY m.team_id), '{}') AS teams,
            w.open, w.pending, w.snoozed
       FROM agents a
       LEFT JOIN routing.presence p ON p.user_id = a.user_id
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE c.status = 'open')::int AS open,
                count(*) FILTER (WHERE c.status = 'pending')::int AS pending,
                count(*) FILTER (WHERE c.status = 'snoozed')::int AS snoozed
           FROM routing.conversations c
          WHERE c.agent_id = a.user_id AND c.status IN ('open', 'pending', 'snoozed')
       ) w
      WHERE ($1::text IS NULL OR a.user_id = $1)
        AND (w.open + w.pending + w.snoozed > 0 OR a.user_id IN (SELECT user_id FROM known))
      ORDER BY a.user_id`,
    [only ?? null],
  );
  return rows.map((row) => ({
    agentId: row.user_id,
    presence: row.presence ?? 'away',
    teams: row.teams,
    open: row.open,
    pending: row.pending,
    snoozed: row.snoozed,
  }));
}

/**
 * What the router plans from: the open conversations nobody holds whose team (their own, else
 * their inbox's) exists, most urgent and oldest first (at most `limit`), each team's roster and
 * place in its round, and each active member's presence and open conversations (of every team):
 * a deactivated user is left out, so the round robin passes them by.
 */
export async function routingSituation(db: SqlExecutor, limit = 1000): Promise<RoutingSituation> {
  // Two index-backed halves: conversations of inboxes without a team are never read.
  const waiting = await db.query<{ conversation_id: string; team_id: string; priority: Priority; opened_at: Date }>(
    `WITH waiting AS (
       SELECT c.conversation_id, c.team_id, c.priority, c.opened_at FROM routing.conversations c
        WHERE c.agent_id IS NULL AND c.status = 'open' AND c.team_id IS NOT NULL
       UNION ALL
       SELECT c.conversation_id, i.team_id, c.priority, c.opened_at FROM routing.inboxes i
         JOIN routing.conversations c
           ON c.inbox_id = i.inbox_id AND c.agent_id IS NULL AND c.status = 'open' AND c.team_id IS NULL
        WHERE i.team_id IS NOT NULL
     )
     SELECT w.conversation_id, w.team_id, w.priority, w.opened_at
       FROM waiting w JOIN routing.teams t ON t.team_id = w.team_id
      ORDER BY CASE w.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,
               w.opened_at, w.conversation_id
      LIMIT $1`,
    [limit],
  );
  const teams = await db.query<{
    team_id: string;
    max_open_per_agent: number;
    last_assigned: string | null;
    members: string[];
  }>(
    `SELECT t.team_id, t.max_open_per_agent, t.last_assigned,
            coalesce(array(SELECT m.user_id FROM routing.team_members m WHERE m.team_id = t.team_id
                            ORDER BY m.joined_revision), '{}') AS members
       FROM routing.teams t ORDER BY t.created_at, t.team_id`,
  );
  const agents = await db.query<{ user_id: string; presence: Presence | null; open: number }>(
    `SELECT m.user_id, p.presence,
            (SELECT count(*)::int FROM routing.conversations c WHERE c.agent_id = m.user_id AND c.status = 'open') AS open
       FROM (SELECT DISTINCT user_id FROM routing.team_members) m
       LEFT JOIN routing.presence p ON p.user_id = m.user_id
      WHERE NOT EXISTS (SELECT 1 FROM routing.inactive_users u WHERE u.user_id = m.user_id)
      ORDER BY m.user_id`,
  );
  return {
    waiting: waiting.map((row) => ({
      conversationId: row.conversation_id,
      teamId: row.team_id,
      priority: row.priority,
      waitingSince: new Date(row.opened_at),
    })),
    teams: teams.map((row) => ({
      teamId: row.team_id,
      members: row.members,
      maxOpenPerAgent: row.max_open_per_agent,
      lastAssigned: row.last_assigned,
    })),
    agents: agents.map((row) => ({
      userId: row.user_id,
      presence: row.presence ?? 'away',
      openConversations: row.open,
    })),
  };
}
