import { type DomainEvent, decodeEvent, type RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';

export const ROUTING_PROJECTION = 'routing';

const routingTypes = [
  'TeamCreated',
  'TeamMemberAdded',
  'TeamMemberRemoved',
  'TeamCapChanged',
  'InboxCreated',
  'InboxTeamChanged',
  'AgentPresenceChanged',
  'UserDeactivated',
  'UserReactivated',
  'ConversationOpened',
  'ConversationMessageAdded',
  'ConversationStatusChanged',
  'ConversationReopened',
  'ConversationPriorityChanged',
  'ConversationLabelAdded',
  'ConversationLabelRemoved',
  'ConversationNoteAdded',
  'ConversationAssigned',
  'CsatRequested',
  'CsatRecorded',
] as const satisfies readonly DomainEvent['type'][];
type RoutingEvent = Extract<DomainEvent, { type: (typeof routingTypes)[number] }>;
const isRoutingType = (type: string): boolean => (routingTypes as readonly string[]).includes(type);

/** The streams this read model follows; the router reacts to the same ones. */
export const isRoutingStream = (streamId: string): boolean =>
  /^(team|inbox|agent-presence|conversation|user)-/.test(streamId);

const idOf = (recorded: RecordedEvent, prefix: string) => recorded.streamId.slice(prefix.length);

async function updateTeam(tx: SqlExecutor, teamId: string, revision: number, set: string, params: unknown[]) {
  await tx.query(`UPDATE teams SET ${set ? `${set}, ` : ''}revision = $2 WHERE team_id = $1 AND revision < $2`, [
    teamId,
    revision,
    ...params,
  ]);
}

/**
 * What a page changes of one conversation's row: each field with the revision of the event that
 * set it last, so that a field is written only when that revision is past the row's (a page
 * replayed over rows it already wrote changes nothing, as applying event by event would).
 */
interface ConversationChanges {
  id: string;
  /** The highest revision of an event in the page that changes the row. */
  revision: number;
  inbox_id?: string;
  opened_at?: Date;
  status?: string;
  status_revision?: number;
  priority?: string;
  priority_revision?: number;
  agent_id?: string | null;
  team_id?: string | null;
  assignee_revision?: number;
}

const changesColumns = `id text, revision int, inbox_id text, opened_at timestamptz, status text, status_revision int,
  priority text, priority_revision int, agent_id text, team_id text, assignee_revision int`;

/**
 * Each row shows its stream's changes up to `revision`; an event at or below it changes nothing.
 * Opened conversations are inserted with what the page did to them since; the others' fields are
 * set where the page changed them after the row's revision. Two statements for the page's
 * conversations, however many events.
 */
async function writeConversations(tx: SqlExecutor, changes: readonly ConversationChanges[]): Promise<void> {
  const opened = changes.filter((c) => c.opened_at !== undefined);
  if (opened.length > 0) {
    await tx.query(
      `INSERT INTO conversations (conversation_id, inbox_id, status, priority, agent_id, team_id, opened_at, revision)
       SELECT x.id, x.inbox_id, coalesce(x.status, 'open'), coalesce(x.priority, 'none'), x.agent_id, x.team_id,
              x.opened_at, x.revision
         FROM jsonb_to_recordset($1::jsonb) AS x(${changesColumns})
       ON CONFLICT (conversation_id) DO NOTHING`,
      [JSON.stringify(opened)],
    );
  }
  // Rows that existed before the page (an inserted one is at the page's revision: untouched here).
  await tx.query(
    `UPDATE conversations c
        SET status = CASE WHEN x.status_revision > c.revision THEN x.status ELSE c.status END,
            priority = CASE WHEN x.priority_revision > c.revision THEN x.priority ELSE c.priority END,
            agent_id = CASE WHEN x.assignee_revision > c.revision THEN x.agent_id ELSE c.agent_id END,
            team_id = CASE WHEN x.assignee_revision > c.revision THEN x.team_id ELSE c.team_id END,
            revision = x.revision
       FROM jsonb_to_recordset($1::jsonb) AS x(${changesColumns})
      WHERE c.conversation_id = x.id AND c.revision < x.revision`,
    [JSON.stringify(changes)],
  );
}

/** A page: team, inbox, presence and user events in order; the conversations' changes folded, then written at once. */
export async function applyRoutingPage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  const conversations = new Map<string, ConversationChanges>();
  // The round robin's place: where each team's last automatic assignment of the page went.
  const lastAssigned = new Map<string, string>();
  for (const recorded of page) {
    if (!isRoutingType(recorded.type) || !isRoutingStream(recorded.streamId)) continue;
    const event = decodeEvent(recorded) as RoutingEvent;
    if (event.type.startsWith('Conversation') || event.type.startsWith('Csat')) {
      const id = idOf(recorded, 'conversation-');
      const row = conversations.get(id) ?? { id, revision: -1 };
      if (foldConversation(row, event, recorded.revision)) {
        row.revision = Math.max(row.revision, recorded.revision);
        conversations.set(id, row);
      }
      if (event.type === 'ConversationAssigned') {
        const d = event.data;
        if (d.kind === 'auto' && d.agentId !== null && d.teamId !== null) lastAssigned.set(d.teamId, d.agentId);
      }
      continue;
    }
    await applyOtherEvent(tx, recorded, event);
  }
  if (conversations.size > 0) await writeConversations(tx, [...conversations.values()]);
  if (lastAssigned.size > 0) {
    await tx.query(
      `UPDATE teams t SET last_assigned = x.agent_id
         FROM jsonb_to_recordset($1::jsonb) AS x(team_id text, agent_id text) WHERE t.team_id = x.team_id`,
      [JSON.stringify([...lastAssigned].map(([team_id, agent_id]) => ({ team_id, agent_id })))],
    );
  }
}

export const applyRoutingEvent = (tx: SqlExecutor, recorded: RecordedEvent): Promise<void> =>
  applyRoutingPage(tx, [recorded]);

/** Folds one conversation event into the page's changes of its row; false when it changes nothing routing shows. */
function foldConversation(row: ConversationChanges, event: RoutingEvent, revision: number): boolean {
  switch (event.type) {
    case 'ConversationOpened':
      row.inbox_id = event.data.inboxId;
      row.opened_at = new Date(event.data.openedAt);
      return true;
    case 'ConversationStatusChanged':
      row.status = event.data.status;
      row.status_revision = revision;
      return true;
    case 'ConversationReopened':
      row.status = 'open';
      row.status_revision = revision;
      return true;
    case 'ConversationPriorityChanged':
      row.priority = event.data.priority;
      row.priority_revision = revision;
      return true;
    case 'ConversationAssigned':
      row.agent_id = event.data.agentId;
      row.team_id = event.data.teamId;
      row.assignee_revision = revision;
      return true;
    default:
      // Messages, labels, notes and CSAT change nothing routing shows (a row's revision is that
      // of the last change it shows): at a message a second per conversation, writing for them
      // was most of this model's work.
      return false;
  }
}

/** Teams, inboxes, presence and users: rare, one statement each, in order. */
async function applyOtherEvent(tx: SqlExecutor, recorded: RecordedEvent, event: RoutingEvent): Promise<void> {
  const { revision } = recorded;
  switch (event.type) {
    case 'TeamCreated': {
      const d = event.data;
      await tx.query(
        `INSERT INTO teams (team_id, name, max_open_per_agent, created_at, revision) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (team_id) DO NOTHING`,
        [d.teamId, d.name, d.maxOpenPerAgent, recorded.occurredAt, revision],
      );
      return;
    }
    case 'TeamMemberAdded':
      await tx.query(
        `INSERT INTO team_members (team_id, user_id, joined_revision) VALUES ($1, $2, $3)
         ON CONFLICT (team_id, user_id) DO NOTHING`,
        [event.data.teamId, event.data.userId, revision],
      );
      return updateTeam(tx, event.data.teamId, revision, '', []);
    case 'TeamMemberRemoved':
      await tx.query('DELETE FROM team_members WHERE team_id = $1 AND user_id = $2 AND joined_revision < $3', [
        event.data.teamId,
        event.data.userId,
        revision,
      ]);
      return updateTeam(tx, event.data.teamId, revision, '', []);
    case 'TeamCapChanged':
      return updateTeam(tx, event.data.teamId, revision, 'max_open_per_agent = $3', [event.data.maxOpenPerAgent]);
    case 'InboxCreated': {
      const d = event.data;
      await tx.query(
        `INSERT INTO inboxes (inbox_id, name, channel, endpoints, team_id, created_at, revision)
         VALUES ($1, $2, $3, $4::text[], $5, $6, $7) ON CONFLICT (inbox_id) DO NOTHING`,
        [d.inboxId, d.name, d.channel, d.endpoints, d.teamId, recorded.occurredAt, revision],
      );
      return;
    }
    case 'InboxTeamChanged':
      await tx.query('UPDATE inboxes SET team_id = $3, revision = $2 WHERE inbox_id = $1 AND revision < $2', [
        event.data.inboxId,
        revision,
        event.data.teamId,
      ]);
      return;
    case 'AgentPresenceChanged':
      await tx.query(
        `INSERT INTO presence (user_id, presence, changed_at, revision) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET presence = EXCLUDED.presence, changed_at = EXCLUDED.changed_at,
           revision = EXCLUDED.revision WHERE presence.revision < EXCLUDED.revision`,
        [event.data.userId, event.data.presence, recorded.occurredAt, revision],
      );
      return;
    case 'UserDeactivated':
      await tx.query('INSERT INTO inactive_users (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [event.data.userId]);
      return;
    case 'UserReactivated':
      await tx.query('DELETE FROM inactive_users WHERE user_id = $1', [event.data.userId]);
      return;
    default:
      // Conversation and CSAT events are folded by `applyRoutingPage`.
      return;
  }
}

/**
 * Teams, inboxes, presence, deactivated users and who holds which conversation, for
 * `runProjection`. It reads every stream (the store filters by one prefix only) and skips all but
 * teams, inboxes, presence, users and conversations.
 */
export const routingProjection: ProjectionDefinition = {
  name: ROUTING_PROJECTION,
  readModel: {
    schema: 'routing',
    tables: ['teams', 'team_members', 'inboxes', 'presence', 'inactive_users', 'conversations'],
  },
  apply: applyRoutingEvent,
  applyPage: applyRoutingPage,
};
