import { givenFor } from '@hub/decider/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Assign, ConversationEvent } from './conversation.commands.ts';
import { conversationDecider } from './conversation.decider.ts';
import { at, conversationId, iso, opened, reza, router, sara } from './conversation.fixtures.ts';

const given = givenFor(conversationDecider);

const priority = suite('priority');

priority('an agent raises the priority; the same priority again changes nothing', () => {
  const raised: ConversationEvent = {
    type: 'ConversationPriorityChanged',
    data: { conversationId, priority: 'urgent', actor: sara, at: iso('09:10:00') },
  };
  given(opened())
    .when({ kind: 'SetPriority', priority: 'urgent', actor: sara, now: at('09:10:00') })
    .thenEvents([raised]);
  given([...opened(), raised])
    .when({ kind: 'SetPriority', priority: 'urgent', actor: sara, now: at('09:11:00') })
    .thenEvents([]);
});

priority('an unknown priority is refused', () => {
  given(opened())
    .when({ kind: 'SetPriority', priority: 'critical' as 'high', actor: sara, now: at('09:10:00') })
    .thenRefuses('INVALID_INPUT', /priority must be one of/);
});

const labels = suite('labels: one word, case-folded, added and removed once');
const vipAdded: ConversationEvent = {
  type: 'ConversationLabelAdded',
  data: { conversationId, label: 'vip', actor: sara, at: iso('09:10:00') },
};

labels('a label is added case-folded; adding it again in another case changes nothing', () => {
  const state = given(opened())
    .when({ kind: 'AddLabel', label: ' VIP ', actor: sara, now: at('09:10:00') })
    .thenEvents([vipAdded]);
  assert.ok(state.exists);
  assert.equal(state.labels, ['vip']);
  given([...opened(), vipAdded])
    .when({ kind: 'AddLabel', label: 'vip', actor: reza, now: at('09:11:00') })
    .thenEvents([]);
});

labels('a Persian label is a label', () => {
  given(opened())
    .when({ kind: 'AddLabel', label: 'مرجوعی', actor: sara, now: at('09:10:00') })
    .thenEvents([
      { type: 'ConversationLabelAdded', data: { conversationId, label: 'مرجوعی', actor: sara, at: iso('09:10:00') } },
    ]);
});

labels('a label is removed once; removing an absent label changes nothing', () => {
  const state = given([...opened(), vipAdded])
    .when({ kind: 'RemoveLabel', label: 'VIP', actor: reza, now: at('09:20:00') })
    .thenEvents([
      { type: 'ConversationLabelRemoved', data: { conversationId, label: 'vip', actor: reza, at: iso('09:20:00') } },
    ]);
  assert.ok(state.exists);
  assert.equal(state.labels, []);
  given(opened())
    .when({ kind: 'RemoveLabel', label: 'vip', actor: reza, now: at('09:20:00') })
    .thenEvents([]);
});

labels('an empty label or one with spaces is refused', () => {
  for (const label of ['', '   ', 'needs call back', 'x'.repeat(65)]) {
    given(opened())
      .when({ kind: 'AddLabel', label, actor: sara, now: at('09:10:00') })
      .thenRefuses('INVALID_INPUT');
  }
});

const notes = suite('internal notes with @mentions');
const handles = { sara: 'user-sara', Reza: 'user-reza', علی: 'user-ali' };
const note = (text: string) =>
  ({ kind: 'AddNote', noteId: 'note-1', text, knownHandles: handles, actor: sara, now: at('09:30:00') }) as const;

notes('mentions are the known handles in the note, each once, whatever their case', () => {
  given(opened())
    .when(note('@reza can you check the courier? @REZA, and @علی please. Mail sara@example.ir, not @nobody.'))
    .thenEvents([
      {
        type: 'ConversationNoteAdded',
        data: {
          conversationId,
          noteId: 'note-1',
          text: '@reza can you check the courier? @REZA, and @علی please. Mail sara@example.ir, not @nobody.',
          mentions: ['user-reza', 'user-ali'],
          actor: sara,
          at: iso('09:30:00'),
        },
      },
    ]);
});

notes('a mention at the end of a sentence keeps its full stop out of the handle', () => {
  const state = given(opened())
    .when(note('Handing over to @sara.'))
    .thenEvents([
      {
        type: 'ConversationNoteAdded',
        data: {
          conversationId,
          noteId: 'note-1',
          text: 'Handing over to @sara.',
          mentions: ['user-sara'],
          actor: sara,
          at: iso('09:30:00'),
        },
      },
    ]);
  assert.ok(state.exists);
  assert.equal(state.noteIds, ['note-1']);
});

notes('the same note sent again is written once', () => {
  const added: ConversationEvent = {
    type: 'ConversationNoteAdded',
    data: { conversationId, noteId: 'note-1', text: 'first', mentions: [], actor: sara, at: iso('09:30:00') },
  };
  given(opened()).when(note('first')).thenEvents([added]);
  given([...opened(), added])
    .when(note('first'))
    .thenEvents([]);
});

notes('an empty note or one over 10000 characters is refused', () => {
  given(opened())
    .when(note('   '))
    .thenRefuses('INVALID_INPUT', /1 to 10000/);
  given(opened())
    .when(note('x'.repeat(10_001)))
    .thenRefuses('INVALID_INPUT', /1 to 10000/);
});

const assignment = suite('assignment to an agent and/or a team: assignment, transfer, auto, unassignment');
const assign = (agentId: string | null, teamId: string | null, actor = sara): Assign => ({
  kind: 'Assign',
  agentId,
  teamId,
  actor,
  now: at('09:40:00'),
});
const assigned = (
  agentId: string | null,
  teamId: string | null,
  previousAgentId: string | null,
  previousTeamId: string | null,
  kind: 'assignment' | 'transfer' | 'auto' | 'unassignment',
  actor = sara,
): ConversationEvent => ({
  type: 'ConversationAssigned',
  data: { conversationId, agentId, teamId, previousAgentId, previousTeamId, kind, actor, at: iso('09:40:00') },
});
const withSara = [...opened(), assigned('user-sara', 'team-support', null, null, 'assignment')];

assignment('an unassigned conversation given to an agent is an assignment by the agent who did it', () => {
  const state = given(opened())
    .when(assign('user-sara', 'team-support'))
    .thenEvents([assigned('user-sara', 'team-support', null, null, 'assignment')]);
  assert.ok(state.exists);
  assert.equal(state.assignee, { agentId: 'user-sara', teamId: 'team-support' });
});

assignment('the router giving an unassigned conversation to an agent is an auto-assignment', () => {
  given(opened())
    .when(assign('user-reza', 'team-support', router))
    .thenEvents([assigned('user-reza', 'team-support', null, null, 'auto', router)]);
});

assignment('a conversation of one agent given to another is a transfer, from whom to whom', () => {
  given(withSara)
    .when(assign('user-reza', 'team-support', reza))
    .thenEvents([assigned('user-reza', 'team-support', 'user-sara', 'team-support', 'transfer', reza)]);
});

assignment('a conversation moved to another team is a transfer', () => {
  given(withSara)
    .when(assign(null, 'team-returns'))
    .thenEvents([assigned(null, 'team-returns', 'user-sara', 'team-support', 'transfer')]);
});

assignment('the same assignee again changes nothing', () => {
  given(withSara)
    .when(assign('user-sara', 'team-support', reza))
    .thenEvents([]);
});

assignment('nobody and no team is an unassignment', () => {
  given(withSara)
    .when(assign(null, null))
    .thenEvents([assigned(null, null, 'user-sara', 'team-support', 'unassignment')]);
});

assignment('an empty agent id is refused', () => {
  given(opened())
    .when(assign(' ', null))
    .thenRefuses('INVALID_INPUT', /agentId/);
});

priority.run();
labels.run();
notes.run();
assignment.run();
