import { HubError } from '@hub/errors';
import Fastify from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { useProblemDetails } from './problem-handlers.ts';

/** An app whose one route throws the given error, as a handler would. */
async function answerTo(error: Error) {
  const app = Fastify();
  useProblemDetails(app);
  app.post('/v1/conversations/c-1/status', async () => {
    throw error;
  });
  const response = await app.inject({ method: 'POST', url: '/v1/conversations/c-1/status' });
  await app.close();
  return response;
}

test('a stale change answers 409 with the current revision and state, Sets, Maps and Dates as JSON', async () => {
  const current = {
    status: 'pending',
    labels: new Set(['vip', 'billing']),
    assignees: new Map([['team', 'support']]),
    snoozedUntil: new Date('2026-12-05T10:00:00Z'),
    notes: [{ at: new Date('2026-12-04T08:30:00Z'), by: 'agent-2' }],
    pendingReply: undefined,
  };
  const response = await answerTo(
    new HubError(
      'WRONG_EXPECTED_REVISION',
      'conversation-c-1 changed since revision 3: it is at 5; nothing was changed',
      {
        streamId: 'conversation-c-1',
        seenRevision: 3,
        currentRevision: 5,
        current,
      },
    ),
  );
  assert.is(response.statusCode, 409);
  assert.match(String(response.headers['content-type']), 'application/problem+json');
  const problem = response.json() as Record<string, unknown>;
  assert.is(problem.code, 'WRONG_EXPECTED_REVISION');
  assert.is(problem.currentRevision, 5);
  assert.equal(problem.current, {
    status: 'pending',
    labels: ['vip', 'billing'],
    assignees: { team: 'support' },
    snoozedUntil: '2026-12-05T10:00:00.000Z',
    notes: [{ at: '2026-12-04T08:30:00.000Z', by: 'agent-2' }],
  });
});

test('a conflict the store found alone still says where the stream is', async () => {
  const response = await answerTo(
    new HubError('WRONG_EXPECTED_REVISION', 'stream customer-1 was expected at 2 but is at 4', {
      streamId: 'customer-1',
      expected: 2,
      actual: 4,
    }),
  );
  assert.is(response.statusCode, 409);
  const problem = response.json() as Record<string, unknown>;
  assert.is(problem.currentRevision, 4);
  assert.not.ok('current' in problem, 'no state is made up');
});

test('other refusals carry no state: a NOT_FOUND keeps its context to the log', async () => {
  const response = await answerTo(new HubError('NOT_FOUND', 'no customer x', { current: { secret: 'kept' } }));
  assert.is(response.statusCode, 404);
  const problem = response.json() as Record<string, unknown>;
  assert.not.ok('current' in problem);
  assert.not.ok('currentRevision' in problem);
});

test.run();
