import type { RecordedEvent } from '@hub/events';

/** Who did it, as the audit trail files it: a user (agent, supervisor, admin, API token) or a process. */
export interface AuditActor {
  readonly kind: 'user' | 'system';
  /** The user id (`api-token:<id>` for an integration) or the process name. */
  readonly id: string;
}

/** One line of the audit trail: who did what to which conversation or customer. */
export interface AuditAction {
  readonly actor: AuditActor;
  readonly conversationId: string | null;
  readonly customerId: string | null;
  /** Facts of the action that are not personal data (a status, a label, an assignee): never free text. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * Keys copied into `details`. Everything else in an event (note text, reasons, names, addresses)
 * may be personal data and stays in the event store, where erasure reaches it.
 */
const detailKeys = [
  'status',
  'priority',
  'label',
  'agentId',
  'teamId',
  'inboxId',
  'presence',
  'role',
  'channel',
  'rating',
  'target',
  'replyId',
  'mergedId',
  'survivorId',
] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

function actorOf(data: Record<string, unknown>): AuditActor | null {
  const actor = data.actor;
  if (isRecord(actor)) {
    if (actor.kind === 'agent' && text(actor.userId)) return { kind: 'user', id: actor.userId as string };
    if (actor.kind === 'system' && text(actor.process)) return { kind: 'system', id: actor.process as string };
    return null; // the customer: their messages are the timeline, not the audit trail
  }
  // Customer merges and unmerges say who decided; an erasure who requested it.
  const decidedBy = data.decidedBy;
  if (isRecord(decidedBy)) {
    if (decidedBy.kind === 'agent' && text(decidedBy.agentId)) return { kind: 'user', id: decidedBy.agentId as string };
    if (decidedBy.kind === 'policy' && text(decidedBy.policy))
      return { kind: 'system', id: `merge-policy:${decidedBy.policy as string}` };
  }
  const requestedBy = text(data.requestedBy);
  return requestedBy ? { kind: 'user', id: requestedBy } : null;
}

const idInStream = (streamId: string, prefix: string): string | null =>
  streamId.startsWith(prefix) ? streamId.slice(prefix.length) : null;

/**
 * The audit line of a stored event, or null when no user or process of the hub did it (a customer's
 * message, an identifier seen on an interaction). Reads the envelope's data as stored, without the
 * event's schema: an event of a type this package has never heard of is still filed by its actor.
 */
export function actionOf(recorded: RecordedEvent): AuditAction | null {
  if (!isRecord(recorded.data)) return null;
  const data = recorded.data;
  const actor = actorOf(data);
  if (!actor) return null;
  const details: Record<string, string | number | boolean | null> = {};
  for (const key of detailKeys) {
    const value = data[key];
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      details[key] = value;
  }
  return {
    actor,
    conversationId: text(data.conversationId) ?? idInStream(recorded.streamId, 'conversation-'),
    customerId: text(data.customerId) ?? idInStream(recorded.streamId, 'customer-'),
    details,
  };
}
