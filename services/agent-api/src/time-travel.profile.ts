import type { CaseSummary } from '@hub/cases';
import { HubError } from '@hub/errors';
import type { CustomerProfile, MergeCandidate } from './customer-profile.ts';
import type { CustomersAt } from './time-travel.fold.ts';
import { caseAt, conversationAt } from './time-travel.streams.ts';
import { customersAsOf, type TimeTravelDependencies } from './time-travel.ts';

const SHOWN = 50;

/** Who the group's own streams named as maybe the same person, outside the group. */
const candidateIdsOf = (ids: readonly string[], at: CustomersAt) =>
  [...new Set(at.candidatesOf(ids).map((c) => c.candidateId))].filter((c) => !ids.includes(c)).slice(0, SHOWN);

/**
 * `GET /v1/customers/:id/profile?asOf=`: the profile as it stood, shaped as the live one. A
 * customer merged away then answers with its survivor's profile, as the live one does; an erased
 * customer (erased whenever) has none. Identifiers, names, merges, channels and the last contact
 * fold from the customer streams; open conversations and cases from their own streams (those the
 * read models list for the group, opened by then), each cut at the instant.
 */
export async function profileAsOf(
  deps: Pick<TimeTravelDependencies, 'store' | 'readModels'>,
  id: string,
  asOf: Date,
): Promise<CustomerProfile & { asOf: string }> {
  const { at, erased } = await customersAsOf(deps, id, asOf, (at) => candidateIdsOf(at.groupOf(at.survivorOf(id)), at));
  const survivorId = at.survivorOf(id);
  const survivor = at.customer(survivorId);
  if (!at.customer(id) || !survivor) throw new HubError('NOT_FOUND', `no customer ${id} at ${asOf.toISOString()}`);
  if (erased.has(id) || erased.has(survivorId)) throw new HubError('NOT_FOUND', `no customer ${id}`);
  const ids = at.groupOf(survivorId);
  const timeline = at.timelineOf(survivorId);
  const channels = new Map<string, { channel: string; interactions: number; lastAt: string }>();
  for (const entry of timeline) {
    const seen = channels.get(entry.channel);
    if (seen) seen.interactions += 1;
    else channels.set(entry.channel, { channel: entry.channel, interactions: 1, lastAt: entry.occurredAt });
  }
  const last = timeline[0];
  return {
    customerId: survivorId,
    mergedIds: ids.filter((other) => other !== survivorId),
    displayName: survivor.displayName,
    identifiers: at.identifiersOf(survivorId),
    channels: [...channels.values()],
    lastContact: last ? { at: last.occurredAt, channel: last.channel, direction: last.direction } : null,
    openConversations: await openConversationsAt(deps, ids, asOf),
    openCases: await openCasesAt(deps, ids, asOf),
    merged: ids
      .filter((other) => other !== survivorId)
      .map((other) => ({ customerId: other, displayName: at.customer(other)?.displayName ?? null })),
    mergeCandidates: candidateIdsOf(ids, at).flatMap((candidateId): MergeCandidate[] => {
      const candidate = at.customer(candidateId);
      if (!candidate || candidate.mergedInto !== null || erased.has(candidateId)) return [];
      const evidence = at.candidatesOf(ids).filter((c) => c.candidateId === candidateId);
      const interactions = new Map(timeline.map((entry) => [entry.interactionId, entry]));
      return [
        {
          customerId: candidateId,
          displayName: candidate.displayName,
          identifiers: at.identifiersOf(candidateId),
          evidence: evidence.map((c) => ({
            interactionId: c.interactionId,
            detectedAt: c.detectedAt,
            channel: interactions.get(c.interactionId)?.channel ?? null,
            summary: interactions.get(c.interactionId)?.summary ?? null,
          })),
        },
      ];
    }),
    asOf: asOf.toISOString(),
  };
}

async function openConversationsAt(
  deps: Pick<TimeTravelDependencies, 'store' | 'readModels'>,
  ids: string[],
  asOf: Date,
) {
  const rows = await deps.readModels.query<{ conversation_id: string }>(
    `SELECT conversation_id FROM read_models.conversations WHERE customer_id = ANY($1::text[]) AND opened_at <= $2`,
    [ids, asOf],
  );
  const open: CustomerProfile['openConversations'][number][] = [];
  for (const row of rows) {
    const { state } = await conversationAt(deps.store, row.conversation_id, asOf);
    if (!state.exists || state.status === 'resolved') continue;
    const activity = [state.openedAt, state.lastInboundAt, state.lastOutboundAt].filter((a) => a !== null);
    open.push({
      id: state.conversationId,
      channel: state.channel,
      subject: state.subject,
      status: state.status,
      assigneeId: state.assignee.agentId,
      lastActivityAt: new Date(Math.max(...activity.map((a) => Date.parse(a)))).toISOString(),
    });
  }
  return open
    .sort((a, b) => Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt) || (a.id < b.id ? 1 : -1))
    .slice(0, SHOWN);
}

async function openCasesAt(deps: Pick<TimeTravelDependencies, 'store' | 'readModels'>, ids: string[], asOf: Date) {
  const rows = await deps.readModels.query<{ case_id: string }>(
    `SELECT case_id FROM read_models.cases WHERE customer_id = ANY($1::text[]) AND opened_at <= $2`,
    [ids, asOf],
  );
  const open: CaseSummary[] = [];
  for (const row of rows) {
    const found = await caseAt(deps.store, row.case_id, asOf);
    if (found && found.summary.status !== 'closed') open.push(found.summary);
  }
  return open
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || (a.id < b.id ? 1 : -1))
    .slice(0, SHOWN);
}
