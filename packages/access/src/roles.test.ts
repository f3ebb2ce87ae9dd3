import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { can, permissions, userRoles } from './roles.ts';

test('an admin may do everything', () => {
  for (const permission of permissions) assert.ok(can('admin', permission), permission);
});

test('an agent reads and answers conversations and reads customers, but merges, erases and manages nothing', () => {
  assert.ok(can('agent', 'conversations:write'));
  assert.ok(can('agent', 'customers:read'));
  for (const permission of ['customers:merge', 'customers:erase', 'users:manage', 'tokens:manage'] as const) {
    assert.not.ok(can('agent', permission), permission);
  }
});

test('a supervisor also assigns others and merges customers; an analyst only reads', () => {
  assert.ok(can('supervisor', 'conversations:assign-others'));
  assert.ok(can('supervisor', 'customers:merge'));
  assert.not.ok(can('supervisor', 'customers:erase'));
  assert.ok(can('analyst', 'reports:read'));
  assert.not.ok(can('analyst', 'conversations:write'));
});

test('agents and supervisors work cases; analysts only read them', () => {
  for (const role of ['agent', 'supervisor', 'admin'] as const) assert.ok(can(role, 'cases:write'), role);
  for (const role of userRoles) assert.ok(can(role, 'cases:read'), role);
  assert.not.ok(can('analyst', 'cases:write'));
});

test('supervisors and admins manage canned responses; agents only use them', () => {
  assert.ok(can('supervisor', 'canned-responses:manage'));
  assert.ok(can('admin', 'canned-responses:manage'));
  assert.not.ok(can('agent', 'canned-responses:manage'));
  assert.not.ok(can('analyst', 'canned-responses:manage'));
});

test('agents set their presence; supervisors also manage routing and read everyone’s workload', () => {
  assert.ok(can('agent', 'presence:set'));
  assert.not.ok(can('agent', 'routing:manage'));
  assert.not.ok(can('agent', 'workload:read'));
  assert.ok(can('supervisor', 'routing:manage'));
  assert.ok(can('supervisor', 'workload:read'));
  assert.not.ok(can('analyst', 'presence:set'));
});

test('only admins manage users, tokens and settings', () => {
  for (const role of userRoles) {
    for (const permission of ['users:manage', 'tokens:manage', 'settings:manage'] as const) {
      assert.is(can(role, permission), role === 'admin', `${role} ${permission}`);
    }
  }
});

test.run();
