import { type ConversationEvent, conversationDecider } from '@hub/conversations';
import { fold, handleCommand, loadAggregate } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import {
  type Actor,
  comparePositions,
  conversationStream,
  decodeEvent,
  type GlobalPosition,
  parsePosition,
  type RecordedEvent,
} from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { ProjectionDefinition } from '@hub/projections';
import { type PlannedAssignment, planAssignments } from '@hub/routing';
import { isRoutingStream, ROUTING_PROJECTION, routingSituation } from '@hub/routing-read-model';
import type { SqlExecutor } from '@hub/sql';

export const CONVERSATION_ROUTER = 'conversation-router';
/** Who automatic assignments name in the conversation's history. */
export const routerActor: Actor = { kind: 'system', process: 'router' };

export interface RouterDependencies {
  readonly store: EventStore;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How long to wait for the routing read model to show an event before retrying the page. */
  readonly readModelWaitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Auto-assignment: a reactor over the team, inbox, presence and conversation streams. Each such
 * event (a conversation opened, an agent available, a conversation resolved, a cap raised, ...)
 * makes it plan from the routing read model, once that shows the event: round robin among each
 * team's available members under the cap (`planAssignments`). Every assignment is decided on the
 * conversation as read from its stream (still open and unassigned) and appended at that revision,
 * so an agent who took it meanwhile wins and nothing is assigned twice; the event that beat it
 * makes the router plan again. State lives in the read model and the store, not in memory: after a
 * restart the reactor replays from its checkpoint and plans from what the read model shows.
 */
export function conversationRouter(deps: RouterDependencies): ProjectionDefinition {
  const log = deps.logger.child({ component: 'router' });
  const now = deps.now ?? (() => new Date());
  const waitMs = deps.readModelWaitMs ?? 30_000;

  /** Until the routing read model's checkpoint is at `event` or past it. */
  async function readModelShows(db: SqlExecutor, until: (db: SqlExecutor) => Promise<boolean>, what: string) {
    const deadline = Date.now() + waitMs;
    while (!(await until(db))) {
      if (Date.now() > deadline) throw new Error(`the routing read model does not show ${what} yet`);
      await sleep(10);
    }
  }
  const readModelPosition = async (db: SqlExecutor): Promise<GlobalPosition | undefined> => {
    const [row] = await db.query<{ position: string }>(
      'SELECT position FROM read_models.checkpoints WHERE projection = $1',
      [ROUTING_PROJECTION],
    );
    return row ? parsePosition(row.position) : undefined;
  };
  const checkpointAt = (event: RecordedEvent) => async (db: SqlExecutor) => {
    const position = await readModelPosition(db);
    return position !== undefined && comparePositions(position, event.position) >= 0;
  };
  // How far the read model was when the last plan read it: an event up to there was in that plan,
  // so catching up over history plans once per read-model step, not once per event. Memory only
  // spares work: after a restart the first event plans again.
  let plannedThrough: GlobalPosition | undefined;
  const rowsAt = (revisions: ReadonlyMap<string, number>) => async (db: SqlExecutor) => {
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM routing.conversations
        WHERE conversation_id = ANY($1::text[]) AND revision >= ($2::jsonb ->> conversation_id)::int`,
      [[...revisions.keys()], JSON.stringify(Object.fromEntries(revisions))],
    );
    return rows[0]?.n === revisions.size;
  };

  /** Carries out one planned assignment; the conversation's new revision, or undefined when skipped. */
  async function assign(planned: PlannedAssignment): Promise<number | undefined> {
    const streamId = conversationStream(planned.conversationId);
    const current = await loadAggregate(deps.store, streamId, conversationDecider);
    const { state } = current;
    if (!state.exists || state.status !== 'open' || state.assignee.agentId !== null) return undefined;
    try {
      const result = await handleCommand({
        store: deps.store,
        streamId,
        decider: conversationDecider,
        command: { kind: 'Assign', agentId: planned.userId, teamId: planned.teamId, actor: routerActor, now: now() },
        seenRevision: current.revision,
        eventContext: (_event, index) => ({
          id: uuidV5(`${CONVERSATION_ROUTER}:${planned.conversationId}:${current.revision}:${index}`),
          occurredAt: now(),
          metadata: { [PERSONAL_DATA_OF]: state.customerId },
        }),
      });
      return result.events.length > 0 ? result.revision : undefined;
    } catch (error) {
      // Someone changed it since it was read: the event that did makes the router plan again.
      if (isHubError(error, 'WRONG_EXPECTED_REVISION')) return undefined;
      throw error;
    }
  }

  /**
   * An agent removed from a team, or deactivated, hands back what they held (of that team, or
   * all of it): each unresolved conversation is unassigned, its team kept, decided on its stream
   * at the revision read. Only assignments made before the event: a replay after the agent came
   * back takes nothing they were given since.
   */
  async function handBack(db: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'TeamMemberRemoved' && recorded.type !== 'UserDeactivated') return;
    const event = decodeEvent(recorded);
    if (event.type !== 'TeamMemberRemoved' && event.type !== 'UserDeactivated') return;
    const { userId } = event.data;
    const teamId = event.type === 'TeamMemberRemoved' ? event.data.teamId : null;
    await readModelShows(db, checkpointAt(recorded), `event ${recorded.id}`);
    const held = await db.query<{ conversation_id: string }>(
      `SELECT conversation_id FROM routing.conversations
        WHERE agent_id = $1 AND status <> 'resolved' AND ($2::text IS NULL OR team_id = $2)`,
      [userId, teamId],
    );
    let handed = 0;
    for (const { conversation_id: conversationId } of held) {
      const streamId = conversationStream(conversationId);
      // One read of the stream: when it was last assigned, and the state the command is decided on.
      const history = await deps.store.readStream(streamId);
      const assignedAt = history.findLast((e) => e.type === 'ConversationAssigned')?.position;
      if (!assignedAt || comparePositions(assignedAt, recorded.position) > 0) continue;
      const state = fold(conversationDecider, history.map(decodeEvent) as ConversationEvent[]);
      const revision = history.at(-1)?.revision ?? -1;
      if (!state.exists || state.status === 'resolved' || state.assignee.agentId !== userId) continue;
      try {
        const result = await handleCommand({
          store: deps.store,
          streamId,
          decider: conversationDecider,
          command: { kind: 'Assign', agentId: null, teamId: state.assignee.teamId, actor: routerActor, now: now() },
          seenRevision: revision,
          eventContext: (_event, index) => ({
            id: uuidV5(`${CONVERSATION_ROUTER}:hand-back:${conversationId}:${revision}:${index}`),
            occurredAt: now(),
            metadata: { [PERSONAL_DATA_OF]: state.customerId },
          }),
        });
        if (result.events.length > 0) handed += 1;
      } catch (error) {
        // Changed since it was read (someone took or resolved it): theirs stands.
        if (!isHubError(error, 'WRONG_EXPECTED_REVISION')) throw error;
      }
    }
    if (handed > 0) log.info({ userId, teamId, conversations: handed }, 'conversations handed back to the queue');
  }

  async function apply(db: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    if (!isRoutingStream(recorded.streamId)) return;
    // Before the skip below: a plan that read past this event did not hand anything back.
    await handBack(db, recorded);
    if (plannedThrough && comparePositions(recorded.position, plannedThrough) <= 0) return;
    await readModelShows(db, checkpointAt(recorded), `event ${recorded.id}`);
    // Read before the situation: the situation shows at least this much.
    const through = await readModelPosition(db);
    const plan = planAssignments(await routingSituation(db));
    if (plan.length === 0) {
      plannedThrough = through;
      return;
    }
    const assigned = new Map<string, number>();
    for (const planned of plan) {
      const revision = await assign(planned);
      if (revision !== undefined) assigned.set(planned.conversationId, revision);
    }
    if (assigned.size > 0) {
      log.info({ assigned: assigned.size, planned: plan.length }, 'conversations assigned');
      // The next plan must count these (caps, the round robin's place): wait until the read model does.
      await readModelShows(db, rowsAt(assigned), 'the assignments just made');
    }
    plannedThrough = through;
  }

  return {
    name: CONVERSATION_ROUTER,
    // It reads every stream: teams, inboxes, presence and conversations have no common prefix.
    readModel: { schema: 'routing', tables: [] },
    // It appends to conversation streams: run outside the page's transaction (see `reactor`).
    reactor: true,
    apply,
  };
}
