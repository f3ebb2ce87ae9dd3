import { fold } from '@hub/decider';
import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type InboxCommand, type InboxEvent, inboxDecider } from './inbox.decider.ts';
import { chooseInbox, type InboxRoute } from './inbox-matching.ts';

const supervisor = { kind: 'agent', userId: 'sima' } as const;
const created: InboxEvent = {
  type: 'InboxCreated',
  data: {
    inboxId: 'support',
    name: 'Support',
    channel: 'email',
    endpoints: ['support@shop.example'],
    teamId: null,
    actor: supervisor,
  },
};
const given = (...events: InboxEvent[]) => ({
  when: (command: InboxCommand) => inboxDecider.decide(command, fold(inboxDecider, events)),
});
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error;
  }
  assert.unreachable('the command was accepted');
};
const create = {
  kind: 'create',
  inboxId: 'support',
  name: ' Support ',
  channel: 'email',
  endpoints: [' Support@Shop.example', 'support@shop.example'],
  teamId: null,
  actor: supervisor,
} as const;

const inboxes = suite('inboxes: which endpoints they cover and which team works them');

inboxes('an inbox is created with its endpoints case-folded once each; a second create is refused', () => {
  assert.equal(given().when(create), [created]);
  assert.ok(
    isHubError(
      refusal(() => given(created).when(create)),
      'ALREADY_EXISTS',
    ),
  );
});

inboxes('an empty name or an empty endpoint is refused', () => {
  assert.ok(
    isHubError(
      refusal(() => given().when({ ...create, name: '  ' })),
      'INVALID_INPUT',
    ),
  );
  assert.ok(
    isHubError(
      refusal(() => given().when({ ...create, endpoints: [' '] })),
      'INVALID_INPUT',
    ),
  );
});

inboxes('moving an inbox to a team names who did it; to the same team changes nothing', () => {
  const moved = given(created).when({ kind: 'change-team', teamId: 'team-1', actor: supervisor });
  assert.equal(moved, [
    { type: 'InboxTeamChanged', data: { inboxId: 'support', teamId: 'team-1', actor: supervisor } },
  ]);
  assert.equal(given(created, ...moved).when({ kind: 'change-team', teamId: 'team-1', actor: supervisor }), []);
  assert.ok(
    isHubError(
      refusal(() => given().when({ kind: 'change-team', teamId: 'team-1', actor: supervisor })),
      'NOT_FOUND',
    ),
  );
});

const routes: InboxRoute[] = [
  { inboxId: 'all-mail', channel: 'email', endpoints: [] },
  { inboxId: 'sales', channel: 'email', endpoints: ['sales@shop.example'] },
  { inboxId: 'contact-form', channel: 'webform', endpoints: ['contact'] },
];
const email = (to: string[], cc: string[] = []) => ({
  channel: 'email' as const,
  messageId: null,
  subject: '',
  from: 'sara@example.ir',
  to,
  cc,
  inReplyTo: null,
  references: [],
  attachments: [],
  attachmentsNotStored: [],
  autoReply: false,
  bounce: false,
  bouncedRecipients: [],
  defects: [],
});

inboxes('an interaction lands in the inbox naming its endpoint, else the channel’s, else none', () => {
  assert.is(chooseInbox(routes, email(['Sales@Shop.example'])), 'sales');
  assert.is(chooseInbox(routes, email(['info@shop.example'], ['sales@shop.example'])), 'sales');
  assert.is(chooseInbox(routes, email(['info@shop.example'])), 'all-mail');
  assert.is(chooseInbox(routes, { channel: 'phone', erased: true }), undefined);
  assert.is(
    chooseInbox(routes, {
      channel: 'webform',
      formId: 'contact',
      fields: {},
      attachments: [],
      pageUrl: null,
      userAgent: null,
      submissionKey: null,
    }),
    'contact-form',
  );
});

inboxes.run();
