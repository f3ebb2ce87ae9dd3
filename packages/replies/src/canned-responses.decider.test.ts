import { randomUUID } from 'node:crypto';
import { fold } from '@hub/decider';
import { isHubError } from '@hub/errors';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type CannedResponsesCommand, cannedResponsesDecider } from './canned-responses.decider.ts';

const admin = { kind: 'agent', userId: 'admin-1' } as const;
const late = { cannedResponseId: randomUUID(), shortcut: '/late', title: 'Late order', text: 'Dear {{customer.name}}' };

function run(commands: readonly CannedResponsesCommand[]) {
  let state = cannedResponsesDecider.initialState;
  const types: string[] = [];
  for (const command of commands) {
    const events = cannedResponsesDecider.decide(command, state);
    types.push(...events.map((e) => e.type));
    state = fold(cannedResponsesDecider, events, state);
  }
  return { types, state };
}
const refusal = (commands: readonly CannedResponsesCommand[]) => {
  try {
    run(commands);
  } catch (error) {
    return error;
  }
  return undefined;
};

test('canned responses are created, changed and deleted, each change naming who made it', () => {
  const { types, state } = run([
    { kind: 'create', actor: admin, ...late },
    { kind: 'create', actor: admin, ...late },
    { kind: 'change', actor: admin, ...late, text: 'Hello {{customer.name}}' },
    { kind: 'change', actor: admin, ...late, text: 'Hello {{customer.name}}' },
  ]);
  assert.equal(types, ['CannedResponseCreated', 'CannedResponseChanged'], 'repeating a write records nothing');
  assert.is(state.responses.get(late.cannedResponseId)?.text, 'Hello {{customer.name}}');
  const deleted = run([
    { kind: 'create', actor: admin, ...late },
    { kind: 'delete', actor: admin, cannedResponseId: late.cannedResponseId },
  ]);
  assert.is(deleted.state.responses.size, 0);
});

test('a shortcut is unique, whatever its case; a free one may be reused after a delete', () => {
  const other = { cannedResponseId: randomUUID(), shortcut: '/LATE', title: 'Other', text: 'x' };
  assert.ok(
    isHubError(
      refusal([
        { kind: 'create', actor: admin, ...late },
        { kind: 'create', actor: admin, ...other },
      ]),
      'ALREADY_EXISTS',
    ),
  );
  const { types } = run([
    { kind: 'create', actor: admin, ...late },
    { kind: 'delete', actor: admin, cannedResponseId: late.cannedResponseId },
    { kind: 'create', actor: admin, ...other },
  ]);
  assert.is(types.at(-1), 'CannedResponseCreated');
});

test('changing or deleting an unknown canned response is NOT_FOUND', () => {
  assert.ok(isHubError(refusal([{ kind: 'change', actor: admin, ...late }]), 'NOT_FOUND'));
  assert.ok(
    isHubError(refusal([{ kind: 'delete', actor: admin, cannedResponseId: late.cannedResponseId }]), 'NOT_FOUND'),
  );
});

test.run();
