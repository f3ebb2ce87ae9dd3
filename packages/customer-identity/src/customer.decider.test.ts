import { fold } from '@hub/decider';
import { type ErrorCode, isHubError } from '@hub/errors';
import type { CustomerIdentifier } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CustomerCommand, type CustomerEvent, customerDecider } from './customer.decider.ts';

const SARA = '5f0c7a8e-0000-4000-8000-000000000001';
const SARA_PHONE = '5f0c7a8e-0000-4000-8000-000000000002';
const OTHER = '5f0c7a8e-0000-4000-8000-000000000003';
const email: CustomerIdentifier = { kind: 'email', value: 'sara@example.ir' };
const phone: CustomerIdentifier = { kind: 'phone', value: '+989121234567' };
const agent = { kind: 'agent' as const, agentId: 'agent-7' };

const registered = (customerId: string): CustomerEvent => ({
  type: 'CustomerRegistered',
  data: { customerId, displayName: 'Sara', firstChannel: 'email' },
});
const linked = (customerId: string, identifier: CustomerIdentifier): CustomerEvent => ({
  type: 'CustomerIdentifierLinked',
  data: { customerId, identifier, interactionId: null },
});
const recorded = (customerId: string, interactionId: string): CustomerEvent => ({
  type: 'InteractionRecorded',
  data: {
    interactionId,
    customerId,
    direction: 'inbound',
    conversationId: 'c-1',
    contact: email,
    summary: 'hello',
    text: 'hello',
    html: null,
    details: { channel: 'generic', system: 'crm', externalId: interactionId, attributes: {} },
  },
});
const merged = (survivorId: string, mergedId: string): CustomerEvent => ({
  type: 'CustomersMerged',
  data: { survivorId, mergedId, evidence: [], decidedBy: agent },
});
const erased = (customerId: string): CustomerEvent => ({
  type: 'CustomerErased',
  data: { customerId, requestedBy: 'agent-7', reason: null },
});

const mergeInto = (survivorId: string): CustomerCommand => ({
  kind: 'MergeInto',
  survivorId,
  evidence: [],
  decidedBy: agent,
});
const absorb = (mergedId: string): CustomerCommand => ({
  kind: 'AbsorbMerge',
  mergedId,
  evidence: [],
  decidedBy: agent,
});
const restore = (survivorId: string): CustomerCommand => ({
  kind: 'Unmerge',
  side: 'restored',
  survivorId,
  reason: 'wrong person',
  decidedBy: agent,
});
const erase: CustomerCommand = { kind: 'Erase', requestedBy: 'agent-7', reason: 'asked by the customer' };

/** Given the customer's stream, when a command is decided, then these events (or this refusal). */
const given = (customerId: string, history: CustomerEvent[]) => {
  const decider = customerDecider(customerId);
  const state = fold(decider, history);
  return {
    state,
    when: (command: CustomerCommand) => decider.decide(command, state),
    refuses(command: CustomerCommand, code: ErrorCode, detail: string) {
      try {
        decider.decide(command, state);
      } catch (error) {
        assert.ok(isHubError(error, code), `expected ${code}, got ${String(error)}`);
        assert.match(error.message, detail);
        return;
      }
      assert.unreachable(`${command.kind} was not refused`);
    },
  };
};

const merge = suite('customer decider: merge');

merge('the merged side records where its history went, naming the agent', () => {
  assert.equal(given(SARA_PHONE, [registered(SARA_PHONE)]).when(mergeInto(SARA)), [merged(SARA, SARA_PHONE)]);
});

merge('the survivor side records whom it absorbed', () => {
  assert.equal(given(SARA, [registered(SARA)]).when(absorb(SARA_PHONE)), [merged(SARA, SARA_PHONE)]);
});

merge('a customer cannot be merged into itself', () => {
  given(SARA, [registered(SARA)]).refuses(mergeInto(SARA), 'INVALID_INPUT', 'itself');
  given(SARA, [registered(SARA)]).refuses(absorb(SARA), 'INVALID_INPUT', 'itself');
});

merge('an unknown or erased customer is not found, on either side', () => {
  given(SARA, []).refuses(absorb(SARA_PHONE), 'NOT_FOUND', `no customer ${SARA}`);
  given(SARA_PHONE, [registered(SARA_PHONE), erased(SARA_PHONE)]).refuses(mergeInto(SARA), 'NOT_FOUND', 'erased');
});

merge('a customer already merged into another cannot be merged again', () => {
  const history = [registered(SARA_PHONE), merged(OTHER, SARA_PHONE)];
  given(SARA_PHONE, history).refuses(mergeInto(SARA), 'INVALID_INPUT', `already merged into ${OTHER}`);
});

merge('a survivor that was itself merged away cannot absorb anyone', () => {
  const history = [registered(SARA), merged(OTHER, SARA)];
  given(SARA, history).refuses(absorb(SARA_PHONE), 'INVALID_INPUT', `was merged into ${OTHER}`);
});

merge('a retried merge decides nothing on a side that already recorded it', () => {
  assert.equal(given(SARA_PHONE, [registered(SARA_PHONE), merged(SARA, SARA_PHONE)]).when(mergeInto(SARA)), []);
  assert.equal(given(SARA, [registered(SARA), merged(SARA, SARA_PHONE)]).when(absorb(SARA_PHONE)), []);
});

merge.run();

const unmerge = suite('customer decider: unmerge');

const phoneHistory = [
  registered(SARA_PHONE),
  linked(SARA_PHONE, phone),
  recorded(SARA_PHONE, 'i-phone'),
  merged(SARA, SARA_PHONE),
  // Arrived after the merge, recorded under the survivor: it stays there.
  recorded(SARA, 'i-after'),
];

unmerge('the restored customer gets back the identifiers and interactions its own stream recorded', () => {
  assert.equal(given(SARA_PHONE, phoneHistory).when(restore(SARA)), [
    {
      type: 'CustomersUnmerged',
      data: {
        survivorId: SARA,
        restoredId: SARA_PHONE,
        identifiers: [phone],
        interactionIds: ['i-phone'],
        reason: 'wrong person',
        decidedBy: agent,
      },
    },
  ]);
});

unmerge('an identifier unlinked before the merge is not given back', () => {
  const history = [
    registered(SARA_PHONE),
    linked(SARA_PHONE, phone),
    linked(SARA_PHONE, email),
    { type: 'CustomerIdentifierUnlinked', data: { customerId: SARA_PHONE, identifier: email, reason: 'typo' } },
    merged(SARA, SARA_PHONE),
  ] satisfies CustomerEvent[];
  const [event] = given(SARA_PHONE, history).when(restore(SARA));
  assert.equal(event?.type === 'CustomersUnmerged' && event.data.identifiers, [phone]);
});

unmerge('the survivor side records what leaves it, as the restored side decided', () => {
  const returned = { identifiers: [phone], interactionIds: ['i-phone'] };
  const events = given(SARA, [registered(SARA), merged(SARA, SARA_PHONE)]).when({
    kind: 'Unmerge',
    side: 'survivor',
    restoredId: SARA_PHONE,
    returned,
    reason: 'wrong person',
    decidedBy: agent,
  });
  assert.equal(events, [
    {
      type: 'CustomersUnmerged',
      data: { survivorId: SARA, restoredId: SARA_PHONE, ...returned, reason: 'wrong person', decidedBy: agent },
    },
  ]);
});

unmerge('a customer not merged into that survivor has nothing to undo', () => {
  given(SARA_PHONE, [registered(SARA_PHONE)]).refuses(restore(SARA), 'NOT_FOUND', `not merged into ${SARA}`);
  given(SARA_PHONE, [registered(SARA_PHONE), merged(OTHER, SARA_PHONE)]).refuses(
    restore(SARA),
    'NOT_FOUND',
    `not merged into ${SARA}`,
  );
});

unmerge('once undone, the merge cannot be undone twice, and the customer can be merged again', () => {
  const [undone] = given(SARA_PHONE, phoneHistory).when(restore(SARA));
  const after = [...phoneHistory, undone as CustomerEvent];
  given(SARA_PHONE, after).refuses(restore(SARA), 'NOT_FOUND', 'not merged');
  assert.equal(given(SARA_PHONE, after).when(mergeInto(OTHER)), [merged(OTHER, SARA_PHONE)]);
  const survivor = given(SARA, [registered(SARA), merged(SARA, SARA_PHONE), undone as CustomerEvent]);
  assert.equal(survivor.state.mergedIds, []);
});

unmerge.run();

const erasure = suite('customer decider: erasure');

erasure('erasing a customer records who asked and why', () => {
  assert.equal(given(SARA, [registered(SARA), linked(SARA, email)]).when(erase), [
    { type: 'CustomerErased', data: { customerId: SARA, requestedBy: 'agent-7', reason: 'asked by the customer' } },
  ]);
});

erasure('an erased customer is not erased twice, nor merged, nor unmerged', () => {
  const gone = given(SARA, [registered(SARA), merged(SARA, SARA_PHONE), erased(SARA)]);
  gone.refuses(erase, 'NOT_FOUND', 'erased');
  gone.refuses(absorb(OTHER), 'NOT_FOUND', 'erased');
  assert.ok(gone.state.erased);
});

erasure('an unknown customer cannot be erased', () => {
  given(SARA, []).refuses(erase, 'NOT_FOUND', `no customer ${SARA}`);
});

erasure.run();

const repair = suite('customer decider: identifiers and candidates found by the identity repair');

const evidence = {
  interactionId: 'i-1',
  identifiers: [email, { kind: 'email' as const, value: 'Sara@Example.IR' }],
};
const offer = (candidateIds: string[]): CustomerCommand => ({ kind: 'RecordMergeCandidates', candidateIds, evidence });

repair('an identifier is linked once, outside any interaction', () => {
  const link: CustomerCommand = { kind: 'LinkIdentifier', identifier: email };
  assert.equal(given(SARA, [registered(SARA)]).when(link), [linked(SARA, email)]);
  assert.equal(given(SARA, [registered(SARA), linked(SARA, email)]).when(link), []);
  given(SARA, [registered(SARA), erased(SARA)]).refuses(link, 'NOT_FOUND', 'erased');
});

repair('merge candidates are offered with their evidence, never the customer itself', () => {
  assert.equal(given(SARA, [registered(SARA)]).when(offer([OTHER])), [
    { type: 'MergeCandidateDetected', data: { customerId: SARA, candidateIds: [OTHER], evidence } },
  ]);
  assert.equal(given(SARA, [registered(SARA)]).when(offer([])), []);
  given(SARA, [registered(SARA)]).refuses(offer([SARA]), 'INVALID_INPUT', 'itself');
  given(SARA, []).refuses(offer([OTHER]), 'NOT_FOUND', `no customer ${SARA}`);
});

repair.run();
