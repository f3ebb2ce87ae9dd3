import type pg from 'pg';
import { fillAnalytics } from './bulk-analytics.ts';

/** How many rows of each kind `fillReadModels` adds: a busy year of a mid-sized shop. */
export const BULK = { customers: 100_000, interactionsPerCustomer: 2, cases: 30_000 } as const;

/** The SQL of a bulk row's id: a version 4 UUID made of md5(kind || n), so routes accept it. */
export const bulkId = (kind: string, n: number | string) =>
  `overlay(overlay(md5('${kind}' || ${n}) placing '4' from 13) placing '8' from 17)::uuid::text`;

const customers = `
INSERT INTO read_models.customers (customer_id, display_name, first_channel, created_at, last_interaction_at,
  interaction_count, merged_into, erased_at)
SELECT ${bulkId('customer', 'g')}, 'Customer ' || g, 'email', now() - g * interval '1 minute', now() - g * interval '30 seconds',
       2, NULL, NULL
  FROM generate_series(1, $1::int) g`;

const searchTerms = `
INSERT INTO read_models.customer_search_terms (customer_id, kind, term)
SELECT ${bulkId('customer', 'g')}, t.kind, t.term
  FROM generate_series(1, $1::int) g
 CROSS JOIN LATERAL (VALUES ('name', 'customer ' || g), ('word', 'customer'), ('word', g::text),
                            ('email', 'customer' || g || '@example.com'),
                            ('phone', '98912' || lpad(g::text, 7, '0')),
                            ('phone_tail', reverse('98912' || lpad(g::text, 7, '0')))) AS t(kind, term)
ON CONFLICT DO NOTHING`;

const identifiers = `
INSERT INTO read_models.customer_identifiers (kind, value, customer_id)
SELECT 'email', 'customer' || g || '@example.com', ${bulkId('customer', 'g')} FROM generate_series(1, $1::int) g
UNION ALL
SELECT 'phone', '+98912' || lpad(g::text, 7, '0'), ${bulkId('customer', 'g')} FROM generate_series(1, $1::int) g
UNION ALL
SELECT 'handle', 'telegram:' || g, ${bulkId('customer', 'g')} FROM generate_series(3, $1::int, 3) g`;

const identityIndex = `
INSERT INTO identity.identifiers (identifier_hash, customer_id)
SELECT encode(sha256(('identifier' || g)::bytea), 'base64'), ${bulkId('customer', 'g')} FROM generate_series(1, $1::int * 2) g`;

const keys = `
INSERT INTO personal_data.customer_keys (customer_id, data_key)
SELECT ${bulkId('customer', 'g')}, sha256(('key' || g)::bytea) FROM generate_series(1, $1::int) g`;

const mergeCandidates = `
INSERT INTO read_models.merge_candidates (customer_id, candidate_id, interaction_id, detected_at)
SELECT ${bulkId('customer', 'g')}, ${bulkId('customer', 'g + 1')}, ${bulkId('interaction', 'g')}, now()
  FROM generate_series(1, $1::int / 10) g`;

const timeline = `
INSERT INTO read_models.timeline (interaction_id, customer_id, occurred_at, channel, direction, conversation_id,
  contact_kind, contact_value, summary, body_text, body_html, details, recorded_at)
SELECT ${bulkId('interaction', 'g')}, ${bulkId('customer', '(g % $1::int) + 1')}, now() - g * interval '10 seconds',
       'email', CASE WHEN g % 3 = 0 THEN 'outbound' ELSE 'inbound' END, ${bulkId('conversation', '(g % $1::int) + 1')},
       'email', 'customer' || (g % $1::int) + 1 || '@example.com', 'Order ' || g, 'Where is my order ' || g || '?',
       NULL, jsonb_build_object('channel', 'email', 'subject', 'Order ' || g), now() - g * interval '10 seconds'
  FROM generate_series(1, $1::int * $2::int) g`;

const messageSearch = `
INSERT INTO read_models.message_search (interaction_id, customer_id, origin_customer_id, channel, direction,
  occurred_at, conversation_id, subject, body, words)
SELECT ${bulkId('interaction', 'g')}, ${bulkId('customer', '(g % $1::int) + 1')}, ${bulkId('customer', '(g % $1::int) + 1')},
       'email', CASE WHEN g % 3 = 0 THEN 'outbound' ELSE 'inbound' END, now() - g * interval '10 seconds',
       ${bulkId('conversation', '(g % $1::int) + 1')}, 'Order ' || g, 'Where is my order ' || g || '?',
       to_tsvector('simple', 'order ' || g || ' where is my order ' || g)
  FROM generate_series(1, $1::int * $2::int) g`;

const conversations = `
INSERT INTO read_models.conversations (conversation_id, customer_id, inbox_id, channel, subject, status, priority,
  priority_rank, labels, assignee_id, team_id, opened_at, last_activity_at, last_inbound_at, waiting_since,
  message_count, revision, sla_due_at, sla_state, sla_check_at, sla_policy_id)
SELECT ${bulkId('conversation', 'g')}, ${bulkId('customer', 'g')}, ${bulkId('inbox', 'g % 5')}, 'email', 'Order ' || g,
       (ARRAY['open', 'pending', 'snoozed', 'resolved', 'resolved', 'resolved'])[g % 6 + 1], 'none', 4,
       CASE WHEN g % 7 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE ${bulkId('agent', 'g % 20')} END, ${bulkId('team', 'g % 5')},
       now() - g * interval '1 minute', now() - g * interval '30 seconds', now() - g * interval '30 seconds',
       now() - g * interval '30 seconds', 2, 3, now() + (g % 100) * interval '1 hour',
       (ARRAY['ok', 'due-soon', 'breached'])[g % 3 + 1], now() + (g % 100) * interval '1 hour', 'standard'
  FROM generate_series(1, $1::int) g`;

const conversationItems = `
INSERT INTO read_models.conversation_items (conversation_id, revision, kind, interaction_id, actor, at, data)
SELECT ${bulkId('conversation', '(g % $1::int) + 1')}, g / $1::int, 'message', ${bulkId('interaction', 'g')},
       '{"kind": "customer"}'::jsonb, now() - g * interval '10 seconds', '{}'::jsonb
  FROM generate_series(1, $1::int * 2) g`;

const routing = `
INSERT INTO routing.conversations (conversation_id, inbox_id, status, agent_id, team_id, opened_at, revision)
SELECT ${bulkId('conversation', 'g')}, ${bulkId('inbox', 'g % 5')}, (ARRAY['open', 'pending', 'resolved'])[g % 3 + 1],
       CASE WHEN g % 4 = 0 THEN NULL ELSE ${bulkId('agent', 'g % 20')} END, ${bulkId('team', 'g % 5')},
       now() - g * interval '1 minute', 3
  FROM generate_series(1, $1::int) g`;

const workspace = `
INSERT INTO workspace.linked_conversations (conversation_id, customer_id, channel, last_activity_at)
SELECT ${bulkId('conversation', 'g')}, ${bulkId('customer', 'g')}, 'email', now() - g * interval '30 seconds'
  FROM generate_series(1, $1::int) g`;

const threadKeys = `
INSERT INTO workspace.thread_keys (key_hash, conversation_id)
SELECT encode(sha256(('thread' || g)::bytea), 'base64'), ${bulkId('conversation', 'g')} FROM generate_series(1, $1::int) g`;

const cases = `
INSERT INTO read_models.cases (case_id, case_number, kind, status, customer_id, owner_id, subject, description,
  order_reference, conversation_ids, opened_at, updated_at, closed_at, revision)
SELECT ${bulkId('case', 'g')}, 'C-2025-' || lpad(g::text, 6, '0'), (ARRAY['information-request', 'complaint', 'return'])[g % 3 + 1],
       (ARRAY['new', 'answered', 'investigating', 'resolved', 'rejected'])[g % 5 + 1], ${bulkId('customer', 'g')},
       ${bulkId('agent', 'g % 20')}, 'Case ' || g, NULL, NULL, ARRAY[${bulkId('conversation', 'g')}],
       now() - g * interval '2 minutes', now() - g * interval '1 minute', NULL, 2
  FROM generate_series(1, $1::int) g`;

const caseItems = `
INSERT INTO read_models.case_items (case_id, revision, kind, actor, at, data)
SELECT ${bulkId('case', 'g')}, 0, 'opened', '{"kind": "user"}'::jsonb, now() - g * interval '2 minutes', '{}'::jsonb
  FROM generate_series(1, $1::int) g`;

const audit = `
INSERT INTO read_models.audit_trail (commit_position, prepare_position, stream_id, revision, event_type, actor_kind,
  actor_id, conversation_id, customer_id, details, recorded_at)
SELECT 1000000 + g, 1000000 + g, 'conversation-' || ${bulkId('conversation', '(g % $1::int) + 1')}, g / $1::int,
       'ConversationAssigned', 'user', ${bulkId('agent', 'g % 20')}, ${bulkId('conversation', '(g % $1::int) + 1')},
       ${bulkId('customer', '(g % $1::int) + 1')}, '{}'::jsonb, now() - g * interval '10 seconds'
  FROM generate_series(1, $1::int * 2) g`;

const auditConversations = `
INSERT INTO read_models.audit_conversations (conversation_id, customer_id)
SELECT ${bulkId('conversation', 'g')}, ${bulkId('customer', 'g')} FROM generate_series(1, $1::int) g`;

// Events of streams nobody reads here: they make the store as large as the read models say it is.
// Committed, as far as readers can tell, before anything the hub wrote (transaction 3): history
// the projections have passed, which they never read again.
const events = `
INSERT INTO event_store.events (transaction_id, stream_id, stream_revision, event_id, event_type, schema_version, data,
  metadata, occurred_at, recorded_at)
SELECT '3'::xid8, 'customer-' || ${bulkId('customer', '(g % $1::int) + 1')}, g / $1::int, md5('event' || g)::uuid,
       'InteractionRecorded', 1, '{}'::jsonb, '{}'::jsonb, now() - g * interval '10 seconds', now() - g * interval '10 seconds'
  FROM generate_series(1, $1::int * 3) g`;

const streams = `
INSERT INTO event_store.streams (stream_id, last_revision)
SELECT 'customer-' || ${bulkId('customer', 'g')}, 2 FROM generate_series(1, $1::int) g`;

const payloads = `
INSERT INTO raw.payloads (payload_id, channel, content_type, received_at, sealed, parse_error)
SELECT encode(sha256(('payload' || g)::bytea), 'hex'), 'email', 'message/rfc822', now() - g * interval '10 seconds',
       sha256(('body' || g)::bytea), CASE WHEN g % 50 = 0 THEN 'no sender' END
  FROM generate_series(1, $1::int) g`;

/**
 * Fills every table the agent API reads with `BULK` rows of invented customers, by
 * generate_series: well-formed rows the API never opens (no sealed data), there to make the
 * tables large. No ANALYZE: the planner has only the tables' sizes to go by.
 */
export async function fillReadModels(client: pg.Client): Promise<void> {
  const params = [BULK.customers, BULK.interactionsPerCustomer];
  for (const sql of [
    customers,
    searchTerms,
    identifiers,
    identityIndex,
    keys,
    mergeCandidates,
    timeline,
    messageSearch,
    conversations,
  ]) {
    await client.query(sql, sql.includes('$2') ? params : [BULK.customers]);
  }
  for (const sql of [conversationItems, routing, workspace, threadKeys, audit, auditConversations, events, streams]) {
    await client.query(sql, [BULK.customers]);
  }
  for (const sql of [cases, caseItems]) await client.query(sql, [BULK.cases]);
  await client.query(payloads, [BULK.customers]);
  await fillAnalytics(client, BULK.customers);
}
