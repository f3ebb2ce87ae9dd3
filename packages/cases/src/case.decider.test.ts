import { givenFor } from '@hub/decider/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { caseDecider } from './case.decider.ts';
import { at, caseId, changeTo, conversationId, iso, openCommand, opened, sara, walked } from './case.fixtures.ts';

const given = givenFor(caseDecider);
const other = 'c0a80121-0000-4000-8000-000000000002';

const opening = suite('opening a case');
opening('a case opens once: a second opening of the same id is refused', () => {
  given([opened('complaint')])
    .when(openCommand('complaint'))
    .thenRefuses('ALREADY_EXISTS');
});
opening('the subject is required and bounded; the number must be one the numbering gave', () => {
  given([])
    .when(openCommand('complaint', { subject: ' ' }))
    .thenRefuses('INVALID_INPUT', /subject/);
  given([])
    .when(openCommand('complaint', { subject: 'x'.repeat(501) }))
    .thenRefuses('INVALID_INPUT', /subject/);
  given([])
    .when(openCommand('complaint', { caseNumber: '42' }))
    .thenRefuses('INVALID_INPUT', /number/);
});
opening('anything but opening on a case that does not exist is NOT_FOUND', () => {
  given([]).when(changeTo('answered')).thenRefuses('NOT_FOUND');
});

const owner = suite('owner');
owner('an agent gives the case to a colleague, naming who had it; the same owner again changes nothing', () => {
  const state = given([opened('complaint')])
    .when({ kind: 'AssignCaseOwner', ownerId: 'user-reza', actor: sara, now: at('09:30:00') })
    .thenEvents([
      {
        type: 'CaseOwnerAssigned',
        data: { caseId, ownerId: 'user-reza', previousOwnerId: 'user-sara', actor: sara, at: iso('09:30:00') },
      },
    ]);
  assert.ok(state.exists);
  assert.is(state.ownerId, 'user-reza');
  given([opened('complaint')])
    .when({ kind: 'AssignCaseOwner', ownerId: 'user-sara', actor: sara, now: at('09:30:00') })
    .thenEvents([]);
});

const links = suite('conversations linked to a case');
links('a second conversation is linked, then unlinked; linking or unlinking twice changes nothing', () => {
  const link = { kind: 'LinkConversation' as const, conversationId: other, actor: sara, now: at('09:40:00') };
  const linked = given([opened('complaint')])
    .when(link)
    .thenEvents([
      { type: 'CaseConversationLinked', data: { caseId, conversationId: other, actor: sara, at: iso('09:40:00') } },
    ]);
  assert.ok(linked.exists);
  assert.equal(linked.conversationIds, [conversationId, other]);
  given([opened('complaint')])
    .when({ ...link, conversationId })
    .thenEvents([]);
  given([opened('complaint')])
    .when({ kind: 'UnlinkConversation', conversationId, actor: sara, now: at('09:50:00') })
    .thenEvents([
      { type: 'CaseConversationUnlinked', data: { caseId, conversationId, actor: sara, at: iso('09:50:00') } },
    ]);
  given([opened('complaint')])
    .when({ kind: 'UnlinkConversation', conversationId: other, actor: sara, now: at('09:50:00') })
    .thenEvents([]);
});

const notes = suite('notes');
notes('a note is added once per id, also to a closed case; empty or oversized ones are refused', () => {
  const note = {
    kind: 'AddCaseNote' as const,
    noteId: 'n1',
    text: ' called the courier ',
    actor: sara,
    now: at('11:00:00'),
  };
  const closed = walked('information-request', ['answered', 'closed']);
  const added = {
    type: 'CaseNoteAdded' as const,
    data: { caseId, noteId: 'n1', text: 'called the courier', actor: sara, at: iso('11:00:00') },
  };
  given(closed).when(note).thenEvents([added]);
  given([...closed, added])
    .when(note)
    .thenEvents([]);
  given([opened('complaint')])
    .when({ ...note, text: '' })
    .thenRefuses('INVALID_INPUT', /text/);
  given([opened('complaint')])
    .when({ ...note, text: 'x'.repeat(10_001) })
    .thenRefuses('INVALID_INPUT', /text/);
});
notes('a closed case takes no new owner and no new link', () => {
  const closed = walked('information-request', ['answered', 'closed']);
  given(closed)
    .when({ kind: 'AssignCaseOwner', ownerId: 'user-reza', actor: sara, now: at('11:00:00') })
    .thenRefuses('CASE_CONFLICT', /closed/);
  given(closed)
    .when({ kind: 'LinkConversation', conversationId: other, actor: sara, now: at('11:00:00') })
    .thenRefuses('CASE_CONFLICT', /closed/);
});

opening.run();
owner.run();
links.run();
notes.run();
