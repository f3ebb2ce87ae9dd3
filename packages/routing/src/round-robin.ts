import type { Presence } from '@hub/events';

export type Priority = 'urgent' | 'high' | 'medium' | 'low' | 'none';

/** A conversation nobody is assigned to, in a team's queue. */
export interface WaitingConversation {
  readonly conversationId: string;
  readonly teamId: string;
  readonly priority: Priority;
  /** Since when the customer waits: the queue is served oldest first within a priority. */
  readonly waitingSince: Date;
}

export interface TeamRoster {
  readonly teamId: string;
  /** Members in a stable order (when they joined): the round robin walks it. */
  readonly members: readonly string[];
  readonly maxOpenPerAgent: number;
  /** Who the team's last auto-assignment went to; the next goes to the member after them. */
  readonly lastAssigned: string | null;
}

export interface AgentLoad {
  readonly userId: string;
  readonly presence: Presence;
  /** Open conversations assigned to the agent, in every team: the cap counts them all. */
  readonly openConversations: number;
}

export interface RoutingSituation {
  readonly waiting: readonly WaitingConversation[];
  readonly teams: readonly TeamRoster[];
  readonly agents: readonly AgentLoad[];
}

export interface PlannedAssignment {
  readonly conversationId: string;
  readonly teamId: string;
  readonly userId: string;
}

const priorityRank: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 };

/** The order the queue is served in: most urgent first, then who waited longest, then by id. */
export const queueOrder = (a: WaitingConversation, b: WaitingConversation): number =>
  priorityRank[a.priority] - priorityRank[b.priority] ||
  a.waitingSince.getTime() - b.waitingSince.getTime() ||
  a.conversationId.localeCompare(b.conversationId);

/**
 * Round robin among a team's available agents below the team's cap. Pure: the caller reads the
 * situation (queues, rosters, presence, load) and carries out the plan, each assignment as a
 * conversation command that may still lose to an agent who took the conversation meanwhile.
 * A conversation whose team has nobody free stays waiting; it is planned again when someone is
 * (an agent becomes available or closes a conversation).
 */
export function planAssignments(situation: RoutingSituation): PlannedAssignment[] {
  const load = new Map(situation.agents.map((agent) => [agent.userId, agent]));
  const open = new Map(situation.agents.map((agent) => [agent.userId, agent.openConversations]));
  const teams = new Map(situation.teams.map((team) => [team.teamId, { ...team }]));
  const planned: PlannedAssignment[] = [];
  for (const conversation of [...situation.waiting].sort(queueOrder)) {
    const team = teams.get(conversation.teamId);
    if (!team || team.members.length === 0) continue;
    const isFree = (userId: string) =>
      load.get(userId)?.presence === 'available' && (open.get(userId) ?? 0) < team.maxOpenPerAgent;
    const start = team.lastAssigned === null ? 0 : team.members.indexOf(team.lastAssigned) + 1;
    const order = team.members.map((_, i) => team.members[(start + i) % team.members.length] as string);
    const userId = order.find(isFree);
    if (userId === undefined) continue;
    planned.push({ conversationId: conversation.conversationId, teamId: team.teamId, userId });
    open.set(userId, (open.get(userId) ?? 0) + 1);
    team.lastAssigned = userId;
  }
  return planned;
}
