import { givenFor } from '@hub/decider/testing';
import type { CaseKind, CaseStatus } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { caseDecider } from './case.decider.ts';
import { changeTo, moved, openCommand, opened, walked } from './case.fixtures.ts';

const given = givenFor(caseDecider);

/** Walks the whole path one command at a time; every step decides exactly one status change. */
function walksThrough(kind: CaseKind, path: readonly CaseStatus[]) {
  let from: CaseStatus = kind === 'return' ? 'requested' : 'new';
  path.forEach((to, index) => {
    const state = given(walked(kind, path.slice(0, index)))
      .when(changeTo(to))
      .thenEvents([moved(from, to)]);
    assert.ok(state.exists);
    assert.is(state.status, to);
    from = to;
  });
}

const info = suite('information request: new -> answered -> closed');
info('it opens as new and goes through answered to closed', () => {
  given([])
    .when(openCommand('information-request'))
    .thenEvents([opened('information-request')]);
  walksThrough('information-request', ['answered', 'closed']);
});
info('a new request cannot be closed unanswered, nor resolved like a complaint', () => {
  given([opened('information-request')])
    .when(changeTo('closed'))
    .thenRefuses('CASE_CONFLICT', /answered, not closed/);
  given([opened('information-request')])
    .when(changeTo('resolved'))
    .thenRefuses('CASE_CONFLICT');
});

const complaint = suite('complaint: new -> investigating -> resolved | rejected -> closed; reopened from resolved');
complaint('resolved, then closed', () => walksThrough('complaint', ['investigating', 'resolved', 'closed']));
complaint('rejected, then closed', () => walksThrough('complaint', ['investigating', 'rejected', 'closed']));
complaint('a resolved complaint is reopened for investigation; a rejected one is not', () => {
  given(walked('complaint', ['investigating', 'resolved']))
    .when(changeTo('investigating'))
    .thenEvents([moved('resolved', 'investigating')]);
  given(walked('complaint', ['investigating', 'rejected']))
    .when(changeTo('investigating'))
    .thenRefuses('CASE_CONFLICT', /closed, not investigating/);
});
complaint('it cannot skip the investigation, and a closed complaint goes nowhere', () => {
  given([opened('complaint')])
    .when(changeTo('resolved'))
    .thenRefuses('CASE_CONFLICT', /investigating, not resolved/);
  given(walked('complaint', ['investigating', 'resolved', 'closed']))
    .when(changeTo('investigating'))
    .thenRefuses('CASE_CONFLICT', /nothing: it is closed/);
});
complaint('the same status again changes nothing', () => {
  given(walked('complaint', ['investigating']))
    .when(changeTo('investigating'))
    .thenEvents([]);
});

const returns = suite('return: requested -> approved | refused -> item received -> refunded -> closed');
returns('approved, the item received, refunded, closed', () =>
  walksThrough('return', ['approved', 'item-received', 'refunded', 'closed']),
);
returns('refused, then closed', () => walksThrough('return', ['refused', 'closed']));
returns('no refund before the item is back, and none after a refusal', () => {
  given(walked('return', ['approved']))
    .when(changeTo('refunded'))
    .thenRefuses('CASE_CONFLICT', /item-received/);
  given(walked('return', ['refused']))
    .when(changeTo('refunded'))
    .thenRefuses('CASE_CONFLICT');
});
returns('a return needs its order reference; other kinds may go without', () => {
  given([])
    .when(openCommand('return', { orderReference: null }))
    .thenRefuses('INVALID_INPUT', /order reference/);
  given([])
    .when(openCommand('return', { orderReference: '   ' }))
    .thenRefuses('INVALID_INPUT', /order reference/);
  given([])
    .when(openCommand('complaint', { orderReference: null }))
    .thenEvents([opened('complaint')]);
});
returns('a status of another kind is refused', () => {
  given([opened('return')])
    .when(changeTo('answered'))
    .thenRefuses('CASE_CONFLICT', /approved or refused/);
});

info.run();
complaint.run();
returns.run();
