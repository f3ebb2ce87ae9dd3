import type { CustomerEvent, CustomerIdentifier } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyCustomerDirectory, recordCustomerEvent } from './customer-directory.ts';
import { planIdentityRepair } from './identity-repair.plan.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const email = (value: string): CustomerIdentifier => ({ kind: 'email', value });
const normal = email('sara@example.com');

/** Customers as the writer recorded them before intake normalised: one per spelling. */
const customer = (customerId: string, identifier: CustomerIdentifier): CustomerEvent[] => [
  { type: 'CustomerRegistered', data: { customerId, displayName: 'Sara', firstChannel: 'generic' } },
  { type: 'CustomerIdentifierLinked', data: { customerId, identifier, interactionId: `i-${customerId.slice(-1)}` } },
];
const directoryOf = (...events: CustomerEvent[]) => {
  const directory = emptyCustomerDirectory();
  for (const event of events) recordCustomerEvent(directory, event);
  return directory;
};
const split = () => [
  ...customer(A, email('Sara@Example.com')),
  ...customer(B, email('sara@example.com')),
  ...customer(C, email(' sara@example.com ')),
];
const spellings = [normal, email('Sara@Example.com'), email(' sara@example.com ')];

const plan = suite('identity repair: customers split by spellings of one identifier');

plan('review: the holder of the normalised spelling is offered the others, with every spelling as evidence', () => {
  const { actions, splitIdentifiers } = planIdentityRepair(directoryOf(...split()), { policy: 'review' });
  assert.is(splitIdentifiers, 1);
  assert.equal(actions, [
    { kind: 'offer', customerId: B, candidateIds: [A, C], evidence: { interactionId: 'i-a', identifiers: spellings } },
  ]);
});

plan('without the normalised spelling anywhere, the first customer takes it, so new interactions find it', () => {
  const events = [...customer(A, email('Sara@Example.com')), ...customer(C, email(' sara@example.com '))];
  const { actions } = planIdentityRepair(directoryOf(...events), { policy: 'review' });
  assert.equal(
    actions.map((a) => a.kind),
    ['link', 'offer'],
  );
  assert.equal(actions[0], { kind: 'link', customerId: A, identifier: normal });
  const offer = actions[1];
  assert.equal(offer?.kind === 'offer' ? offer.candidateIds : offer, [C]);
});

plan('auto: the others are merged into the holder', () => {
  const { actions } = planIdentityRepair(directoryOf(...split()), { policy: 'auto' });
  assert.equal(
    actions.map((a) => (a.kind === 'merge' ? [a.survivorId, a.mergedId] : a.kind)),
    [
      [B, A],
      [B, C],
    ],
  );
});

plan(
  'once applied, nothing more: offered pairs are not offered again, merged customers count as their survivor',
  () => {
    const offered: CustomerEvent = {
      type: 'MergeCandidateDetected',
      data: { customerId: B, candidateIds: [A, C], evidence: { interactionId: 'i-a', identifiers: spellings } },
    };
    assert.equal(planIdentityRepair(directoryOf(...split(), offered), { policy: 'review' }).actions, []);
    const merges: CustomerEvent[] = [A, C].map((mergedId) => ({
      type: 'CustomersMerged',
      data: { survivorId: B, mergedId, evidence: [], decidedBy: { kind: 'policy', policy: 'auto' } },
    }));
    assert.equal(planIdentityRepair(directoryOf(...split(), ...merges), { policy: 'auto' }).actions, []);
  },
);

plan('erased customers are left alone; identifiers that never normalise are counted, not touched', () => {
  const erased: CustomerEvent = { type: 'CustomerErased', data: { customerId: A, requestedBy: 'dpo', reason: null } };
  const events = [...customer(A, email('Sara@Example.com')), erased, ...customer(C, email('not an email at all'))];
  const result = planIdentityRepair(directoryOf(...events), { policy: 'review' });
  assert.equal(result.actions, []);
  assert.is(result.unnormalisable, 1);
});

plan('phones in other scripts and national forms meet in the default region', () => {
  const events = [
    ...customer(A, { kind: 'phone', value: '+989125550199' }),
    ...customer(B, { kind: 'phone', value: '۰۹۱۲۵۵۵۰۱۹۹' }),
  ];
  const [offer] = planIdentityRepair(directoryOf(...events), { policy: 'review', defaultRegion: 'IR' }).actions;
  assert.equal(offer && offer.kind === 'offer' ? [offer.customerId, offer.candidateIds] : offer, [A, [B]]);
});

plan.run();
