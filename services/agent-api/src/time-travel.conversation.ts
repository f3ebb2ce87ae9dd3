import { HubError } from '@hub/errors';
import { findConversation } from '@hub/inbox';
import { conversationAt, isErased } from './time-travel.streams.ts';
import type { TimeTravelDependencies } from './time-travel.ts';

const latest = (...instants: (string | null)[]): string =>
  instants.filter((at): at is string => at !== null).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
const iso = (at: string | null) => (at === null ? null : new Date(at).toISOString());

/**
 * `GET /v1/conversations/:id?asOf=`: the conversation as it stood, shaped as the live answer. Its
 * status, labels, assignee, priority and counts fold from its stream cut at the instant (the
 * conversation decider's evolve); its history is the inbox's items up to the revision it had then
 * (items are never changed once written). The SLA clock is not kept per instant: `sla` is empty.
 * A conversation of an erased customer is not found, now or in the past.
 */
export async function conversationAsOf(
  deps: Pick<TimeTravelDependencies, 'store' | 'readModels'>,
  id: string,
  asOf: Date,
) {
  const { state, revision } = await conversationAt(deps.store, id, asOf);
  if (!state.exists) throw new HubError('NOT_FOUND', `no conversation ${id} at ${asOf.toISOString()}`);
  if (await isErased(deps.store, state.customerId)) throw new HubError('NOT_FOUND', `no conversation ${id}`);
  const live = await findConversation(deps.readModels, id);
  return {
    id,
    customerId: state.customerId,
    inboxId: state.inboxId,
    channel: state.channel,
    subject: state.subject,
    status: state.status,
    snoozedUntil: iso(state.snoozedUntil),
    priority: state.priority,
    labels: [...state.labels],
    assigneeId: state.assignee.agentId,
    teamId: state.assignee.teamId,
    openedAt: new Date(state.openedAt).toISOString(),
    lastActivityAt: new Date(latest(state.openedAt, state.lastInboundAt, state.lastOutboundAt)).toISOString(),
    waitingSince: iso(state.waitingSince),
    firstResponseAt: iso(state.firstResponseAt),
    messageCount: state.messageCount,
    revision,
    sla: { dueAt: null, state: null },
    csatRating: state.csat.state === 'recorded' ? state.csat.rating : null,
    items: (live?.items ?? []).filter((item) => item.revision <= revision),
    asOf: asOf.toISOString(),
  };
}
