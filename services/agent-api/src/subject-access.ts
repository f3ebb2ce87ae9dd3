import { HubError } from '@hub/errors';
import type { TimelineEntry } from '@hub/timeline';
import { caseAt, conversationAt } from './time-travel.streams.ts';
import { customersAsOf, type TimeTravelDependencies } from './time-travel.ts';

export interface SubjectAccessDependencies extends TimeTravelDependencies {
  /**
   * The customers' orders, as the document lists them (the hub passes `ordersOfCustomers` of
   * `@hub/commerce`). Without it the document says `orders: null` (not known here), never an empty
   * list that would claim there are none.
   */
  readonly ordersOf?: (customerIds: readonly string[]) => Promise<readonly unknown[]>;
}

/**
 * Everything the hub holds of one person, for a data-protection request (GDPR art. 15): the
 * customer and everyone merged with it (the survivor's group: they are one person), from the
 * events as they are now (personal fields opened with the customers' keys). Agents' internal notes
 * on the person's conversations and cases are included: what colleagues wrote about a person is
 * that person's data (CJEU C-434/16 Nowak), and erasure treats it so (sealed with the customer's
 * key). Colleagues are not named: who assigned or noted is left out (their data, art. 15(4)).
 * An unknown or erased customer has no document (404).
 */
export async function subjectAccessExport(deps: SubjectAccessDependencies, customerId: string) {
  const now = deps.now();
  const { at, erased } = await customersAsOf(deps, customerId, now);
  const survivorId = at.survivorOf(customerId);
  if (!at.customer(customerId) || !at.customer(survivorId))
    throw new HubError('NOT_FOUND', `no customer ${customerId}`);
  if (erased.has(customerId) || erased.has(survivorId))
    throw new HubError('NOT_FOUND', `customer ${customerId} was erased: the hub holds none of their data`);
  const ids = at.groupOf(survivorId);
  const conversations = await conversationsOf(deps, ids);
  return {
    kind: 'subject-access-export' as const,
    exportedAt: now.toISOString(),
    customerId: survivorId,
    requestedFor: customerId,
    customers: ids.map((id) => {
      const row = at.customer(id);
      return {
        customerId: id,
        displayName: row?.displayName ?? null,
        firstChannel: row?.firstChannel ?? null,
        firstSeenAt: row?.createdAt.toISOString() ?? null,
        mergedInto: row?.mergedInto ?? null,
      };
    }),
    identifiers: at.identifiersOf(survivorId),
    interactions: [...at.timelineOf(survivorId)].reverse().map(interactionOf),
    conversations: conversations.map(({ csat: _csat, ...conversation }) => conversation),
    csat: conversations.flatMap((c) => c.csat),
    cases: await casesOf(deps, ids),
    orders: deps.ordersOf ? [...(await deps.ordersOf(ids))] : null,
  };
}

const interactionOf = (entry: TimelineEntry) => ({
  interactionId: entry.interactionId,
  occurredAt: entry.occurredAt,
  channel: entry.channel,
  direction: entry.direction,
  conversationId: entry.conversationId,
  contact: entry.contact,
  summary: entry.summary,
  text: entry.text,
  html: entry.html,
  details: entry.details,
});

async function conversationsOf(deps: SubjectAccessDependencies, ids: readonly string[]) {
  const rows = await deps.readModels.query<{ conversation_id: string }>(
    'SELECT conversation_id FROM read_models.conversations WHERE customer_id = ANY($1::text[]) ORDER BY opened_at',
    [ids],
  );
  const found = [];
  for (const { conversation_id } of rows) {
    const { state, events } = await conversationAt(deps.store, conversation_id);
    if (!state.exists) continue;
    found.push({
      conversationId: state.conversationId,
      channel: state.channel,
      subject: state.subject,
      status: state.status,
      priority: state.priority,
      labels: [...state.labels],
      openedAt: new Date(state.openedAt).toISOString(),
      resolvedAt: state.resolvedAt === null ? null : new Date(state.resolvedAt).toISOString(),
      interactionIds: [...state.interactionIds],
      notes: events.flatMap(({ event }) =>
        event.type === 'ConversationNoteAdded' ? [{ at: event.data.at, text: event.data.text }] : [],
      ),
      csat: events.flatMap(({ event }) =>
        event.type === 'CsatRecorded'
          ? [
              {
                conversationId: state.conversationId,
                rating: event.data.rating,
                comment: event.data.comment,
                at: event.data.at,
              },
            ]
          : [],
      ),
    });
  }
  return found;
}

async function casesOf(deps: SubjectAccessDependencies, ids: readonly string[]) {
  const rows = await deps.readModels.query<{ case_id: string }>(
    'SELECT case_id FROM read_models.cases WHERE customer_id = ANY($1::text[]) ORDER BY opened_at',
    [ids],
  );
  const found = [];
  for (const { case_id } of rows) {
    const opened = await caseAt(deps.store, case_id);
    if (!opened) continue;
    const { summary, events } = opened;
    const description = events.find((event) => event.type === 'CaseOpened')?.data;
    found.push({
      caseId: summary.id,
      number: summary.number,
      kind: summary.kind,
      status: summary.status,
      subject: summary.subject,
      description: description && 'description' in description ? description.description : null,
      orderReference: summary.orderReference,
      conversationIds: summary.conversationIds,
      openedAt: summary.openedAt,
      closedAt: summary.closedAt,
      notes: events.flatMap((event) =>
        event.type === 'CaseNoteAdded' ? [{ at: event.data.at, text: event.data.text }] : [],
      ),
    });
  }
  return found;
}
