import { fold } from '@hub/decider';
import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { presenceDecider } from './presence.decider.ts';
import { type TeamCommand, type TeamEvent, teamDecider } from './team.decider.ts';

const admin = { kind: 'agent', userId: 'admin-1' } as const;
const created: TeamEvent = {
  type: 'TeamCreated',
  data: { teamId: 'support', name: 'Support', maxOpenPerAgent: 5, actor: admin },
};
const given = (...events: TeamEvent[]) => ({
  when: (command: TeamCommand) => teamDecider.decide(command, fold(teamDecider, events)),
});
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error;
  }
  assert.unreachable('the command was accepted');
};

const teams = suite('teams: members and the cap on auto-assigned conversations');

teams('a team is created once; creating it again with the same name changes nothing', () => {
  const create = {
    kind: 'create',
    teamId: 'support',
    name: ' Support ',
    maxOpenPerAgent: 5,
    actor: admin,
  } as const;
  assert.equal(given().when(create), [created]);
  assert.equal(given(created).when({ ...create, name: 'Support' }), []);
  assert.ok(
    isHubError(
      refusal(() => given(created).when({ ...create, name: 'Sales' })),
      'INVALID_INPUT',
    ),
  );
});

teams('members join once and leave once; every change names who made it', () => {
  const add = { kind: 'add-member', userId: 'maryam', actor: admin } as const;
  const joined: TeamEvent = {
    type: 'TeamMemberAdded',
    data: { teamId: 'support', userId: 'maryam', actor: admin },
  };
  assert.equal(given(created).when(add), [joined]);
  assert.equal(given(created, joined).when(add), []);
  assert.equal(given(created, joined).when({ kind: 'remove-member', userId: 'maryam', actor: admin }), [
    { type: 'TeamMemberRemoved', data: { teamId: 'support', userId: 'maryam', actor: admin } },
  ]);
  assert.equal(given(created).when({ kind: 'remove-member', userId: 'maryam', actor: admin }), []);
});

teams('the cap is a whole number from 1 to 1000; commands on a team that does not exist are refused', () => {
  for (const cap of [0, 1.5, 1001]) {
    assert.ok(
      isHubError(
        refusal(() => given(created).when({ kind: 'change-cap', maxOpenPerAgent: cap, actor: admin })),
        'INVALID_INPUT',
      ),
    );
  }
  assert.ok(
    isHubError(
      refusal(() => given().when({ kind: 'add-member', userId: 'x', actor: admin })),
      'NOT_FOUND',
    ),
  );
});

teams('presence: away until the agent says otherwise; the same presence again records nothing', () => {
  const set = (presence: 'available' | 'busy' | 'away', current = presenceDecider.initialState) =>
    presenceDecider.decide({ userId: 'maryam', presence, actor: { kind: 'agent', userId: 'maryam' } }, current);
  assert.equal(set('away'), []);
  assert.equal(
    set('available').map((e) => e.data.presence),
    ['available'],
  );
  assert.equal(set('available', 'available'), []);
});

teams.run();
