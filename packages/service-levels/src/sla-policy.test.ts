import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { choosePolicy, parseSlaPolicy, type SlaPolicy } from './sla-policy.ts';

const policy = (id: string, inboxIds: string[], priorities: SlaPolicy['appliesTo']['priorities']): SlaPolicy =>
  parseSlaPolicy({
    id,
    name: id,
    calendarId: 'office',
    appliesTo: { inboxIds, priorities },
    targets: { firstResponse: 60 },
  });

const policies = [
  policy('default', [], []),
  policy('support-inbox', ['support'], []),
  policy('urgent', [], ['urgent', 'high']),
  policy('support-urgent', ['support'], ['urgent']),
];

const choosing = suite('choosePolicy: the most specific policy wins');

choosing('inbox and priority both named beat a priority-only policy', () => {
  assert.is(choosePolicy(policies, { inboxId: 'support', priority: 'urgent' })?.id, 'support-urgent');
});

choosing('a priority-only policy beats an inbox-only policy', () => {
  assert.is(choosePolicy(policies, { inboxId: 'support', priority: 'high' })?.id, 'urgent');
});

choosing('an inbox-only policy beats the default', () => {
  assert.is(choosePolicy(policies, { inboxId: 'support', priority: 'low' })?.id, 'support-inbox');
});

choosing('the default holds the rest, and nothing applies without one', () => {
  assert.is(choosePolicy(policies, { inboxId: 'sales', priority: 'none' })?.id, 'default');
  assert.is(choosePolicy(policies.slice(1), { inboxId: 'sales', priority: 'low' }), null);
  assert.is(choosePolicy(policies.slice(1), { inboxId: null, priority: 'urgent' })?.id, 'urgent');
});

choosing('among equally specific policies the first listed wins', () => {
  const twins = [policy('first', ['support'], []), policy('second', ['support'], [])];
  assert.is(choosePolicy(twins, { inboxId: 'support', priority: 'low' })?.id, 'first');
});

choosing.run();

const validating = suite('SLA policy validation');

validating('a policy without any target, or with a fractional one, is refused', () => {
  const base = { id: 'p', name: 'P', calendarId: 'office', appliesTo: {} };
  assert.throws(
    () => parseSlaPolicy({ ...base, targets: {} }),
    (error: unknown) => isHubError(error, 'INVALID_INPUT') && /at least one target/.test(error.message),
  );
  assert.throws(
    () => parseSlaPolicy({ ...base, targets: { resolution: 1.5 } }),
    (error: unknown) => isHubError(error, 'INVALID_INPUT') && /targets.resolution/.test(error.message),
  );
});

validating.run();
