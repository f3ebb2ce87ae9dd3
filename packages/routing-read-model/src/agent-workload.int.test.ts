import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { routingMigrations } from './routing.migrations.ts';
import { agentWorkload } from './routing.queries.ts';

// Maryam is in a team and holds nothing; Reza set his presence; Sima holds conversations of every
// status; Nika held one that is resolved now and is in no team.
const workload = suite<{ db: SqlDatabase }>("agents' workload (PGlite)");

workload.before(async (context) => {
  context.db = await openPGlite();
  await runMigrations(context.db, routingMigrations);
  await context.db.exec(`
    INSERT INTO routing.team_members (team_id, user_id, joined_revision) VALUES ('sales', 'maryam', 0);
    INSERT INTO routing.presence (user_id, presence, changed_at, revision) VALUES ('reza', 'online', now(), 0);
    INSERT INTO routing.conversations (conversation_id, inbox_id, status, agent_id, opened_at, revision) VALUES
      ('c1', 'mail', 'open', 'sima', now(), 0), ('c2', 'mail', 'open', 'sima', now(), 0),
      ('c3', 'mail', 'pending', 'sima', now(), 0), ('c4', 'mail', 'snoozed', 'sima', now(), 0),
      ('c5', 'mail', 'resolved', 'sima', now(), 0), ('c6', 'mail', 'resolved', 'nika', now(), 0),
      ('c7', 'mail', 'open', NULL, now(), 0);`);
});
workload.after(async ({ db }) => db.close());

workload(
  'members, agents with a presence and holders of unresolved conversations, with their counts',
  async ({ db }) => {
    assert.equal(await agentWorkload(db), [
      { agentId: 'maryam', presence: 'away', teams: ['sales'], open: 0, pending: 0, snoozed: 0 },
      { agentId: 'reza', presence: 'online', teams: [], open: 0, pending: 0, snoozed: 0 },
      { agentId: 'sima', presence: 'away', teams: [], open: 2, pending: 1, snoozed: 1 },
    ]);
  },
);

workload("one agent's own, and nothing for one who holds only resolved conversations", async ({ db }) => {
  assert.equal(await agentWorkload(db, 'sima'), [
    { agentId: 'sima', presence: 'away', teams: [], open: 2, pending: 1, snoozed: 1 },
  ]);
  assert.equal(await agentWorkload(db, 'nika'), []);
});

workload.run();
