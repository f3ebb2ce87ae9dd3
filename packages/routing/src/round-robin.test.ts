import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type AgentLoad, planAssignments, type TeamRoster, type WaitingConversation } from './round-robin.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 9, minute));
const waiting = (
  conversationId: string,
  minute: number,
  priority: WaitingConversation['priority'] = 'none',
  teamId = 'support',
) => ({
  conversationId,
  teamId,
  priority,
  waitingSince: at(minute),
});
const team = (
  members: string[],
  maxOpenPerAgent = 3,
  lastAssigned: string | null = null,
  teamId = 'support',
): TeamRoster => ({
  teamId,
  members,
  maxOpenPerAgent,
  lastAssigned,
});
const agent = (userId: string, openConversations = 0, presence: AgentLoad['presence'] = 'available'): AgentLoad => ({
  userId,
  presence,
  openConversations,
});
const pairs = (plan: ReturnType<typeof planAssignments>) => plan.map((p) => `${p.conversationId}->${p.userId}`);

const routing = suite('auto-assignment: round robin among available agents below the cap');

routing('conversations go round the team in turn, starting after the last one assigned', () => {
  const plan = planAssignments({
    waiting: [waiting('c1', 1), waiting('c2', 2), waiting('c3', 3), waiting('c4', 4)],
    teams: [team(['maryam', 'reza', 'sara'], 5, 'maryam')],
    agents: [agent('maryam'), agent('reza'), agent('sara')],
  });
  assert.equal(pairs(plan), ['c1->reza', 'c2->sara', 'c3->maryam', 'c4->reza']);
});

routing('busy and away agents are passed over', () => {
  const plan = planAssignments({
    waiting: [waiting('c1', 1), waiting('c2', 2)],
    teams: [team(['maryam', 'reza', 'sara'])],
    agents: [agent('maryam', 0, 'busy'), agent('reza', 0, 'away'), agent('sara')],
  });
  assert.equal(pairs(plan), ['c1->sara', 'c2->sara']);
});

routing('an agent at the cap gets no more; counts include what this plan gave them', () => {
  const plan = planAssignments({
    waiting: [waiting('c1', 1), waiting('c2', 2), waiting('c3', 3)],
    teams: [team(['maryam', 'reza'], 2)],
    agents: [agent('maryam', 2), agent('reza', 1)],
  });
  assert.equal(pairs(plan), ['c1->reza'], 'reza reaches 2 and maryam is full: c2 and c3 wait');
});

routing('nobody free: the conversation stays unassigned, and is assigned once someone is', () => {
  const queue = [waiting('c1', 1)];
  const roster = [team(['maryam'])];
  assert.equal(planAssignments({ waiting: queue, teams: roster, agents: [agent('maryam', 0, 'away')] }), []);
  assert.equal(pairs(planAssignments({ waiting: queue, teams: roster, agents: [agent('maryam')] })), ['c1->maryam']);
});

routing('the queue is served most urgent first, then who waited longest', () => {
  const plan = planAssignments({
    waiting: [waiting('old-low', 1, 'low'), waiting('new-urgent', 9, 'urgent'), waiting('older-low', 0, 'low')],
    teams: [team(['maryam'], 2)],
    agents: [agent('maryam')],
  });
  assert.equal(pairs(plan), ['new-urgent->maryam', 'older-low->maryam']);
});

routing('the cap counts an agent’s conversations of every team', () => {
  const plan = planAssignments({
    waiting: [waiting('sales-1', 1, 'none', 'sales'), waiting('support-1', 2)],
    teams: [team(['maryam'], 1, null, 'sales'), team(['maryam'], 1)],
    agents: [agent('maryam')],
  });
  assert.equal(pairs(plan), ['sales-1->maryam']);
});

routing('a last assignee who left the team: the turn starts from the first member', () => {
  const plan = planAssignments({
    waiting: [waiting('c1', 1)],
    teams: [team(['reza', 'sara'], 3, 'maryam')],
    agents: [agent('reza'), agent('sara')],
  });
  assert.equal(pairs(plan), ['c1->reza']);
});

routing('an unknown team or a team without members assigns nothing', () => {
  assert.equal(
    planAssignments({ waiting: [waiting('c1', 1, 'none', 'ghosts')], teams: [team([])], agents: [agent('maryam')] }),
    [],
  );
});

routing.run();
