import type { Migration } from '@hub/sql';

/**
 * Credentials and sessions live in SQL, not in events: a hash or a token has no place in a history
 * kept forever. `access.users` is the users' read model and the claim that makes emails unique.
 */
export const accessMigrations: readonly Migration[] = [
  {
    id: 'access/0001-users-credentials-sessions',
    sql: `
CREATE SCHEMA IF NOT EXISTS access;
CREATE TABLE IF NOT EXISTS access.users (
  user_id      text PRIMARY KEY,
  email        text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role         text NOT NULL,
  active       boolean NOT NULL DEFAULT true,
  revision     integer NOT NULL DEFAULT -1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS access.passwords (
  user_id    text PRIMARY KEY REFERENCES access.users (user_id) ON DELETE CASCADE,
  hash       text NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS access.sessions (
  token_digest text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES access.users (user_id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  last_seen    timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user_idx ON access.sessions (user_id);
CREATE TABLE IF NOT EXISTS access.api_tokens (
  token_id     text PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL,
  token_digest text NOT NULL UNIQUE,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE TABLE IF NOT EXISTS access.sign_in_failures (
  subject   text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sign_in_failures_idx ON access.sign_in_failures (subject, failed_at);`,
  },
];
