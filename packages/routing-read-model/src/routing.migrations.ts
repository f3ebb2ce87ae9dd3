import type { Migration } from '@hub/sql';

/**
 * The routing read model: teams and their members in joining order, inboxes, presence, and each
 * conversation's inbox, status and assignee (the agents' workload and the router's queues).
 * Rebuilt from the team, inbox, presence and conversation streams at will.
 */
export const routingMigrations: readonly Migration[] = [
  {
    id: 'routing/0001-read-model',
    sql: `
CREATE SCHEMA IF NOT EXISTS routing;
CREATE TABLE IF NOT EXISTS routing.teams (
  team_id            text PRIMARY KEY,
  name               text NOT NULL,
  max_open_per_agent integer NOT NULL,
  -- Who the team's last automatic assignment went to: the round robin goes on after them.
  last_assigned      text,
  created_at         timestamptz NOT NULL,
  revision           integer NOT NULL
);
CREATE TABLE IF NOT EXISTS routing.team_members (
  team_id         text NOT NULL,
  user_id         text NOT NULL,
  -- The team stream's revision of the joining: the round robin walks members in this order.
  joined_revision integer NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX IF NOT EXISTS team_members_user_idx ON routing.team_members (user_id);
CREATE TABLE IF NOT EXISTS routing.inboxes (
  inbox_id   text PRIMARY KEY,
  name       text NOT NULL,
  channel    text NOT NULL,
  endpoints  text[] NOT NULL,
  team_id    text,
  created_at timestamptz NOT NULL,
  revision   integer NOT NULL
);
CREATE TABLE IF NOT EXISTS routing.presence (
  user_id    text PRIMARY KEY,
  presence   text NOT NULL,
  changed_at timestamptz NOT NULL,
  revision   integer NOT NULL
);
-- Deactivated users: still members and holders, but the router gives them nothing.
CREATE TABLE IF NOT EXISTS routing.inactive_users (
  user_id text PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS routing.conversations (
  conversation_id text PRIMARY KEY,
  inbox_id        text NOT NULL,
  status          text NOT NULL,
  priority        text NOT NULL DEFAULT 'none',
  agent_id        text,
  team_id         text,
  opened_at       timestamptz NOT NULL,
  revision        integer NOT NULL
);
CREATE INDEX IF NOT EXISTS routing_conversations_agent_idx ON routing.conversations (agent_id, status);
-- The queues: open conversations nobody holds, of a team of their own or of their inbox's team.
CREATE INDEX IF NOT EXISTS routing_conversations_team_queue_idx
  ON routing.conversations (team_id) WHERE agent_id IS NULL AND status = 'open' AND team_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS routing_conversations_inbox_queue_idx
  ON routing.conversations (inbox_id) WHERE agent_id IS NULL AND status = 'open' AND team_id IS NULL;`,
  },
];
