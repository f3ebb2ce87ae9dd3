import { fold } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { Actor } from '@hub/events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type UserCommand, type UserEvent, userDecider } from './user.decider.ts';

const userId = '6f1c5a1e-9f4e-4a57-9a53-5b3e3a8f7d10';
const boss: Actor = { kind: 'agent', userId: '0b7f1a7e-2d43-4b35-8f0e-3c6f2b9d1e22' };
const created = (role: 'agent' | 'admin'): UserEvent => ({
  type: 'UserCreated',
  data: { userId, email: 'sara@example.ir', displayName: 'Sara', role, actor: boss },
});

/** Given these events, when this command: the events decided (or the refusal thrown). */
const given = (events: UserEvent[], command: UserCommand) => userDecider.decide(command, fold(userDecider, events));

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isHubError(error)) return error.code;
    throw error;
  }
  return 'accepted';
};

test('a created user is active with its role, and the event names who created it', () => {
  const events = given([], {
    kind: 'CreateUser',
    userId,
    email: 'sara@example.ir',
    displayName: 'Sara',
    role: 'agent',
    actor: boss,
  });
  assert.equal(events, [created('agent')]);
  const state = fold(userDecider, events);
  assert.ok(state.exists && state.active && state.role === 'agent');
});

test('a user is created once', () => {
  const again = {
    kind: 'CreateUser',
    userId,
    email: 'x@example.ir',
    displayName: 'X',
    role: 'agent',
    actor: boss,
  } as const;
  assert.is(
    refusal(() => given([created('agent')], again)),
    'ALREADY_EXISTS',
  );
});

test('a role change records from, to and the actor; the same role changes nothing', () => {
  const events = given([created('agent')], {
    kind: 'ChangeRole',
    role: 'supervisor',
    otherActiveAdmins: 0,
    actor: boss,
  });
  assert.equal(events, [{ type: 'UserRoleChanged', data: { userId, from: 'agent', to: 'supervisor', actor: boss } }]);
  assert.equal(given([created('agent')], { kind: 'ChangeRole', role: 'agent', otherActiveAdmins: 0, actor: boss }), []);
});

test('the last active admin can be neither demoted nor deactivated', () => {
  const demote = { kind: 'ChangeRole', role: 'agent', otherActiveAdmins: 0, actor: boss } as const;
  assert.is(
    refusal(() => given([created('admin')], demote)),
    'LAST_ADMIN',
  );
  assert.is(
    refusal(() => given([created('admin')], { kind: 'Deactivate', otherActiveAdmins: 0, actor: boss })),
    'LAST_ADMIN',
  );
  assert.is(given([created('admin')], { ...demote, otherActiveAdmins: 1 }).length, 1, 'another admin remains');
});

test('an agent is deactivated and reactivated; repeating either changes nothing', () => {
  const off = given([created('agent')], { kind: 'Deactivate', otherActiveAdmins: 0, actor: boss });
  assert.equal(off, [{ type: 'UserDeactivated', data: { userId, actor: boss } }]);
  const history = [created('agent'), ...off];
  assert.equal(given(history, { kind: 'Deactivate', otherActiveAdmins: 0, actor: boss }), []);
  const on = given(history, { kind: 'Reactivate', actor: boss });
  assert.equal(on, [{ type: 'UserReactivated', data: { userId, actor: boss } }]);
  const state = fold(userDecider, [...history, ...on]);
  assert.ok(state.exists && state.active);
});

test('a password change is recorded with who made it and no hash', () => {
  const events = given([created('agent')], { kind: 'RecordPasswordChange', by: 'admin', actor: boss });
  assert.equal(events, [{ type: 'UserPasswordChanged', data: { userId, by: 'admin', actor: boss } }]);
  assert.not.ok(JSON.stringify(events).includes('scrypt'));
});

test('commands on a user that does not exist are refused', () => {
  assert.is(
    refusal(() => given([], { kind: 'Reactivate', actor: boss })),
    'NOT_FOUND',
  );
});

test.run();
