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

/**
 * Each row shows its stream's changes up to `revision`; an event at or below it changes nothing,
 * so applying one twice (a rebuild racing a page, a replay) is harmless.
 */
async function updateConversation(tx: SqlExecutor, recorded: RecordedEvent, set: string, params: unknown[]) {
  await tx.query(
    `UPDATE conversations SET ${set ? `${set}, ` : ''}revision = $2 WHERE conversation_id = $1 AND revision < $2`,
    [idOf(recorded, 'conversation-'), recorded.revision, ...params],
  );
}
async function updateTeam(tx: SqlExecutor, teamId: string, revision: number, set: string, params: unknown[]) {
  await tx.query(`UPDATE teams SET ${set ? `${set}, ` : ''}revision = $2 WHERE team_id = $1 AND revision < $2`, [
    teamId,
    revision,
    ...params,
  ]);
}

export async function applyRoutingEvent(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  if (!isRoutingType(recorded.type) || !isRoutingStream(recorded.streamId)) return;
  const event = decodeEvent(recorded) as RoutingEvent;
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
    case 'ConversationOpened':
      await tx.query(
        `INSERT INTO conversations (conversation_id, inbox_id, status, opened_at, revision)
         VALUES ($1, $2, 'open', $3, $4) ON CONFLICT (conversation_id) DO NOTHING`,
        [event.data.conversationId, event.data.inboxId, event.data.openedAt, revision],
      );
      return;
    case 'ConversationStatusChanged':
      return updateConversation(tx, recorded, 'status = $3', [event.data.status]);
    case 'ConversationReopened':
      return updateConversation(tx, recorded, "status = 'open'", []);
    case 'ConversationPriorityChanged':
      return updateConversation(tx, recorded, 'priority = $3', [event.data.priority]);
    case 'ConversationAssigned': {
      const d = event.data;
      // The round robin's place: where the team's last automatic assignment went.
      if (d.kind === 'auto' && d.agentId !== null && d.teamId !== null) {
        await tx.query('UPDATE teams SET last_assigned = $2 WHERE team_id = $1', [d.teamId, d.agentId]);
      }
      return updateConversation(tx, recorded, 'agent_id = $3, team_id = $4', [d.agentId, d.teamId]);
    }
    case 'ConversationMessageAdded':
    case 'ConversationLabelAdded':
    case 'ConversationLabelRemoved':
    case 'ConversationNoteAdded':
    case 'CsatRequested':
    case 'CsatRecorded':
      // Nothing routing shows changes (a row's revision is that of the last change it shows):
      // no statement, which at a message a second per conversation was most of this model's work.
      return;
    default:
      return event satisfies never;
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
};
