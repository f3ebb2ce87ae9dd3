import type pg from 'pg';
import { bulkId } from './bulk-read-models.ts';

// The analytics facts of `fillReadModels`' invented year: a message a minute or so, a response,
// resolution, SLA outcome and CSAT request per conversation, a contact per customer and one
// merge in a hundred (merges are rare: the merge map is read whole).

const spread = (g: string, every: string) => `now() - ${g} * interval '${every}'`;

// Built when called: this module and bulk-read-models.ts import each other.
const facts = () => [
  `INSERT INTO analytics.messages (conversation_id, revision, interaction_id, direction, author, channel, inbox_id,
     team_id, agent_id, occurred_at, recorded_at)
   SELECT ${bulkId('conversation', 'g / 2 + 1')}, g % 2 + 1, md5('message' || g), CASE WHEN g % 2 = 0 THEN 'inbound' ELSE 'outbound' END,
          'customer', 'email', 'support', 'team-1', 'agent-' || g % 20, ${spread('g', '2 minutes')}, ${spread('g', '2 minutes')}
     FROM generate_series(1, $1::int * 2) g`,
  `INSERT INTO analytics.responses (conversation_id, revision, kind, channel, inbox_id, team_id, agent_id, waiting_since,
     responded_at, calendar_seconds, business_seconds, recorded_at)
   SELECT ${bulkId('conversation', 'g')}, 2, CASE WHEN g % 3 = 0 THEN 'next' ELSE 'first' END, 'email', 'support', 'team-1',
          'agent-' || g % 20, ${spread('g', '5 minutes')}, ${spread('g', '4 minutes')}, g % 3600, g % 1800, ${spread('g', '4 minutes')}
     FROM generate_series(1, $1::int) g`,
  `INSERT INTO analytics.resolutions (conversation_id, revision, channel, inbox_id, team_id, agent_id, episode_started_at,
     resolved_at, reopened, calendar_seconds, business_seconds, recorded_at)
   SELECT ${bulkId('conversation', 'g')}, 3, 'chat', 'support', 'team-1', 'agent-' || g % 20, ${spread('g', '5 minutes')},
          ${spread('g', '4 minutes')}, false, g % 7200, g % 3600, ${spread('g', '4 minutes')}
     FROM generate_series(1, $1::int) g`,
  `INSERT INTO analytics.sla_outcomes (conversation_id, target, target_started_at, policy_id, outcome, channel, inbox_id,
     team_id, agent_id, decided_at, recorded_at)
   SELECT ${bulkId('conversation', 'g')}, 'first-response', ${spread('g', '5 minutes')}, 'standard',
          CASE WHEN g % 10 = 0 THEN 'breached' ELSE 'met' END, 'email', 'support', 'team-1', 'agent-' || g % 20,
          ${spread('g', '4 minutes')}, ${spread('g', '4 minutes')}
     FROM generate_series(1, $1::int) g`,
  `INSERT INTO analytics.csat (conversation_id, revision, channel, inbox_id, team_id, agent_id, requested_at, recorded_at,
     rating, rated_at, rating_recorded_at)
   SELECT ${bulkId('conversation', 'g')}, 4, 'email', 'support', 'team-1', 'agent-' || g % 20, ${spread('g', '4 minutes')},
          ${spread('g', '4 minutes')}, g % 5 + 1, ${spread('g', '3 minutes')}, ${spread('g', '3 minutes')}
     FROM generate_series(1, $1::int) g`,
  `INSERT INTO analytics.customer_contacts (interaction_id, customer_id, channel, occurred_at, recorded_at)
   SELECT md5('contact' || g), ${bulkId('customer', 'g / 2 + 1')}, CASE WHEN g % 3 = 0 THEN 'chat' ELSE 'email' END,
          ${spread('g', '2 minutes')}, ${spread('g', '2 minutes')}
     FROM generate_series(1, $1::int * 2) g`,
  `INSERT INTO analytics.customer_merges (merged_id, survivor_id, merged_at)
   SELECT ${bulkId('customer', 'g * 100')}, ${bulkId('customer', 'g * 100 + 1')}, ${spread('g', '1 hour')}
     FROM generate_series(1, $1::int / 100) g`,
  `INSERT INTO analytics.social_interactions (interaction_id, customer_id, network, kind, direction, page_id, post_id,
     occurred_at, recorded_at)
   SELECT md5('social' || g), ${bulkId('customer', 'g')}, CASE WHEN g % 2 = 0 THEN 'facebook' ELSE 'instagram' END,
          'comment', 'inbound', 'page-1', 'post-' || g % 50, ${spread('g', '4 minutes')}, ${spread('g', '4 minutes')}
     FROM generate_series(1, $1::int) g`,
];

/** Fills the analytics facts with `customers`' worth of rows; no ANALYZE. */
export async function fillAnalytics(client: pg.Client, customers: number): Promise<void> {
  for (const sql of facts()) await client.query(sql, [customers]);
}
