import type { CustomerIdentifier } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { identifierKey, type ResolutionInput, resolveIdentity } from './identity-resolution.decider.ts';

const email: CustomerIdentifier = { kind: 'email', value: 'sara@example.ir' };
const phone: CustomerIdentifier = { kind: 'phone', value: '+989121234567' };
const telegram: CustomerIdentifier = { kind: 'handle', value: 'telegram:4242' };
const NEW = 'new-customer';

const given = (
  owners: [CustomerIdentifier, string][],
  identifiers: CustomerIdentifier[],
  policy: 'review' | 'auto' = 'review',
  unverified: CustomerIdentifier[] = [],
): ResolutionInput => ({
  identifiers,
  owners: new Map(owners.map(([i, c]) => [identifierKey(i), c])),
  newCustomerId: NEW,
  policy,
  unverified,
});
const visitor: CustomerIdentifier = { kind: 'handle', value: 'widget:visitor-1' };

const resolve = suite('identity resolution: who an interaction is from');

resolve('first contact: a new customer owning every identifier', () => {
  assert.equal(resolveIdentity(given([], [email, phone])), {
    customerId: NEW,
    isNewCustomer: true,
    identifiersToLink: [email, phone],
    otherOwners: [],
    mergedIds: [],
  });
});

resolve('a known identifier: that customer, and the new identifiers become theirs', () => {
  const r = resolveIdentity(given([[phone, 'C1']], [email, phone]));
  assert.is(r.customerId, 'C1');
  assert.is(r.isNewCustomer, false);
  assert.equal(r.identifiersToLink, [email]);
});

resolve(
  'identifiers of two customers, review policy: the primary identifier owner, the other a candidate, no merge',
  () => {
    const r = resolveIdentity(
      given(
        [
          [email, 'C1'],
          [telegram, 'C2'],
        ],
        [email, telegram],
      ),
    );
    assert.is(r.customerId, 'C1');
    assert.equal(r.otherOwners, ['C2']);
    assert.equal(r.mergedIds, []);
    assert.equal(r.identifiersToLink, []);
  },
);

resolve('identifiers of two customers, auto policy: merged into the primary identifier owner', () => {
  const r = resolveIdentity(
    given(
      [
        [email, 'C1'],
        [telegram, 'C2'],
      ],
      [email, telegram],
      'auto',
    ),
  );
  assert.equal(r.mergedIds, ['C2']);
});

resolve(
  'an earlier attempt of the same interaction claimed the identifiers: still a new customer, linking them again',
  () => {
    const r = resolveIdentity(given([[email, NEW]], [email, phone]));
    assert.is(r.isNewCustomer, true);
    assert.equal(r.identifiersToLink, [email, phone]);
  },
);

resolve(
  "given a known customer's email, when a new chat visitor claims it unverified, then a new customer with that customer as a candidate",
  () => {
    assert.equal(resolveIdentity(given([[email, 'C1']], [visitor, email], 'review', [email])), {
      customerId: NEW,
      isNewCustomer: true,
      identifiersToLink: [visitor],
      otherOwners: ['C1'],
      mergedIds: [],
    });
  },
);

resolve(
  "given a known visitor and a known customer's email, when the visitor claims it unverified under auto, then no merge",
  () => {
    const r = resolveIdentity(
      given(
        [
          [visitor, 'V1'],
          [email, 'C1'],
        ],
        [visitor, email],
        'auto',
        [email],
      ),
    );
    assert.is(r.customerId, 'V1');
    assert.equal(r.otherOwners, ['C1']);
    assert.equal(r.mergedIds, []);
  },
);

resolve('given nobody owns the claimed phone, when a visitor claims it unverified, then it is not linked', () => {
  const r = resolveIdentity(given([[visitor, 'V1']], [visitor, phone], 'review', [phone]));
  assert.is(r.customerId, 'V1');
  assert.equal(r.identifiersToLink, []);
  assert.equal(r.otherOwners, []);
});

resolve('given the visitor already owns the claimed email, when claimed again, then nothing new', () => {
  const r = resolveIdentity(
    given(
      [
        [visitor, 'V1'],
        [email, 'V1'],
      ],
      [visitor, email],
      'review',
      [email],
    ),
  );
  assert.equal(r, { customerId: 'V1', isNewCustomer: false, identifiersToLink: [], otherOwners: [], mergedIds: [] });
});

resolve.run();
