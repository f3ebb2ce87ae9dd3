import type { SqlExecutor } from '@hub/sql';
import type { Facted } from './conversation-analytics.projection.ts';
import type { ConversationFact } from './conversation-fold.ts';

type Of<Kind extends ConversationFact['kind']> = Facted & { fact: Extract<ConversationFact, { kind: Kind }> };
const ofKind = <Kind extends ConversationFact['kind']>(facts: readonly Facted[], kind: Kind) =>
  facts.filter((f): f is Of<Kind> => f.fact.kind === kind);

const dims = (rows: readonly Of<'message' | 'response' | 'resolution' | 'sla' | 'csat-requested'>[]) => [
  rows.map((r) => r.fact.channel),
  rows.map((r) => r.fact.inboxId),
  rows.map((r) => r.fact.teamId),
  rows.map((r) => r.fact.agentId),
];

/** One multi-row statement per kind of fact, none when a page has none of that kind. */
export async function writeConversationFacts(tx: SqlExecutor, facts: readonly Facted[]): Promise<void> {
  const messages = ofKind(facts, 'message');
  if (messages.length > 0)
    await tx.query(
      `INSERT INTO messages (conversation_id, revision, channel, inbox_id, team_id, agent_id, interaction_id, direction,
                             author, occurred_at, recorded_at)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        messages.map((m) => m.conversationId),
        messages.map((m) => m.revision),
        ...dims(messages),
        messages.map((m) => m.fact.interactionId),
        messages.map((m) => m.fact.direction),
        messages.map((m) => m.fact.author),
        messages.map((m) => m.fact.occurredAt),
        messages.map((m) => m.recordedAt),
      ],
    );
  const responses = ofKind(facts, 'response');
  if (responses.length > 0)
    await tx.query(
      `INSERT INTO responses (conversation_id, revision, channel, inbox_id, team_id, agent_id, kind, waiting_since,
                              responded_at, calendar_seconds, business_seconds, recorded_at)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::timestamptz[], $9::timestamptz[], $10::float8[], $11::float8[], $12::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        responses.map((r) => r.conversationId),
        responses.map((r) => r.revision),
        ...dims(responses),
        responses.map((r) => r.fact.response),
        responses.map((r) => r.fact.waitingSince),
        responses.map((r) => r.fact.respondedAt),
        responses.map((r) => r.fact.calendarSeconds),
        responses.map((r) => r.fact.businessSeconds),
        responses.map((r) => r.recordedAt),
      ],
    );
  const resolutions = ofKind(facts, 'resolution');
  if (resolutions.length > 0)
    await tx.query(
      `INSERT INTO resolutions (conversation_id, revision, channel, inbox_id, team_id, agent_id, episode_started_at,
                                resolved_at, reopened, calendar_seconds, business_seconds, recorded_at)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                            $8::timestamptz[], $9::boolean[], $10::float8[], $11::float8[], $12::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        resolutions.map((r) => r.conversationId),
        resolutions.map((r) => r.revision),
        ...dims(resolutions),
        resolutions.map((r) => r.fact.episodeStartedAt),
        resolutions.map((r) => r.fact.resolvedAt),
        resolutions.map((r) => r.fact.reopened),
        resolutions.map((r) => r.fact.calendarSeconds),
        resolutions.map((r) => r.fact.businessSeconds),
        resolutions.map((r) => r.recordedAt),
      ],
    );
  const sla = ofKind(facts, 'sla');
  // As one event after another would leave them, however the events fall into pages: a target's
  // first fact makes its row (what the fold worked out, or a recorded breach, whichever came
  // first); what the fold works out later never replaces it, and a recorded breach always wins the
  // outcome (with its policy), whatever came before it.
  if (sla.length > 0)
    await tx.query(
      `INSERT INTO sla_outcomes (conversation_id, channel, inbox_id, team_id, agent_id, target, target_started_at,
                                 policy_id, outcome, decided_at, recorded_at)
       SELECT DISTINCT ON (conversation_id, target, target_started_at)
              conversation_id, channel, inbox_id, team_id, agent_id, target, target_started_at, policy_id, outcome,
              decided_at, recorded_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                     $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[]) WITH ORDINALITY
           AS s(conversation_id, channel, inbox_id, team_id, agent_id, target, target_started_at, policy_id, outcome,
                decided_at, recorded_at, n)
        ORDER BY conversation_id, target, target_started_at, n
       ON CONFLICT (conversation_id, target, target_started_at) DO NOTHING`,
      [
        sla.map((s) => s.conversationId),
        ...dims(sla),
        sla.map((s) => s.fact.target),
        sla.map((s) => s.fact.targetStartedAt),
        sla.map((s) => s.fact.policyId),
        sla.map((s) => s.fact.outcome),
        sla.map((s) => s.fact.decidedAt),
        sla.map((s) => s.recordedAt),
      ],
    );
  const breaches = sla.filter((s) => s.fact.recorded);
  if (breaches.length > 0)
    await tx.query(
      `UPDATE sla_outcomes o SET outcome = 'breached', policy_id = b.policy_id
         FROM (SELECT DISTINCT ON (conversation_id, target, target_started_at)
                      conversation_id, target, target_started_at, policy_id
                 FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) WITH ORDINALITY
                   AS r(conversation_id, target, target_started_at, policy_id, n)
                ORDER BY conversation_id, target, target_started_at, n DESC) b
        WHERE o.conversation_id = b.conversation_id AND o.target = b.target
          AND o.target_started_at = b.target_started_at
          AND (o.outcome <> 'breached' OR o.policy_id <> b.policy_id)`,
      [
        breaches.map((s) => s.conversationId),
        breaches.map((s) => s.fact.target),
        breaches.map((s) => s.fact.targetStartedAt),
        breaches.map((s) => s.fact.policyId),
      ],
    );
  const requested = ofKind(facts, 'csat-requested');
  if (requested.length > 0)
    await tx.query(
      `INSERT INTO csat (conversation_id, revision, channel, inbox_id, team_id, agent_id, requested_at, recorded_at)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                            $8::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        requested.map((r) => r.conversationId),
        requested.map((r) => r.revision),
        ...dims(requested),
        requested.map((r) => r.fact.requestedAt),
        requested.map((r) => r.recordedAt),
      ],
    );
  const rated = ofKind(facts, 'csat-recorded');
  if (rated.length > 0)
    await tx.query(
      `UPDATE csat SET rating = r.rating, rated_at = r.rated_at, rating_recorded_at = r.recorded_at
         FROM unnest($1::text[], $2::int[], $3::smallint[], $4::timestamptz[], $5::timestamptz[])
           AS r(conversation_id, revision, rating, rated_at, recorded_at)
        WHERE csat.conversation_id = r.conversation_id AND csat.revision = r.revision AND csat.rating IS NULL`,
      [
        rated.map((r) => r.conversationId),
        rated.map((r) => r.fact.requestRevision),
        rated.map((r) => r.fact.rating),
        rated.map((r) => r.fact.ratedAt),
        rated.map((r) => r.recordedAt),
      ],
    );
}
