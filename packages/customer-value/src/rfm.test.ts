import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CustomerPurchaseSummary } from './customer-summary.ts';
import { scoreQuintiles } from './quintile-scores.ts';
import { scoreRfm } from './rfm.ts';
import { RFM_SEGMENTS, segmentOf } from './rfm-segments.ts';

const asOf = '2024-07-01T12:00:00Z';
const customer = (customerId: string, lastPurchaseAt: string, purchases: number, monetary: number) => ({
  customerId,
  firstPurchaseAt: '2023-01-01T00:00:00Z',
  lastPurchaseAt,
  purchases,
  monetary,
});

// Ten customers. With n = 10 a score is 1 + ⌊5 · worse / 10⌋ = 1 + ⌊worse / 2⌋, "worse" being
// how many others have a strictly worse value (more days since the last purchase for R).
//            recency  R | purchases  F | monetary  M | FM = ⌊(F+M)/2⌋ | segment (grid R × FM)
// c01             1   5 |        12  5 |     2400  5 |  5 | champions
// c02  (2 d 18 h) 2   5 |         1  1 |       40  1 |  1 | new-customers
// c03            10   4 |         6  4 |      900  4 |  4 | loyal-customers
// c04            20   4 |         3  3 |      300  3 |  3 | potential-loyalists
// c05            40   3 |         2  2 |      120  3 |  2 | about-to-sleep
// c06            90   3 |         8  4 |     1500  4 |  4 | loyal-customers
// c07           120   2 |         1  1 |       60  2 |  1 | hibernating
// c08           180   2 |        10  5 |     2000  5 |  5 | cant-lose-them
// c09           270   1 |         2  2 |       80  2 |  2 | lost
// c10           365   1 |         1  1 |       25  1 |  1 | lost
// F: three customers bought once (worse = 0 → 1), two twice (worse = 3 → 2), one thrice
// (worse = 5 → 3); ties share the score of their lowest position.
const customers: CustomerPurchaseSummary[] = [
  customer('c01', '2024-06-30T09:00:00Z', 12, 2400),
  customer('c02', '2024-06-28T18:00:00Z', 1, 40),
  customer('c03', '2024-06-21T10:00:00Z', 6, 900),
  customer('c04', '2024-06-11T10:00:00Z', 3, 300),
  customer('c05', '2024-05-22T10:00:00Z', 2, 120),
  customer('c06', '2024-04-02T10:00:00Z', 8, 1500),
  customer('c07', '2024-03-03T10:00:00Z', 1, 60),
  customer('c08', '2024-01-03T10:00:00Z', 10, 2000),
  customer('c09', '2023-10-05T10:00:00Z', 2, 80),
  customer('c10', '2023-07-02T10:00:00Z', 1, 25),
];
const expected = [
  ['c01', 1, '555', 5, 'champions'],
  ['c02', 2, '511', 1, 'new-customers'],
  ['c03', 10, '444', 4, 'loyal-customers'],
  ['c04', 20, '433', 3, 'potential-loyalists'],
  ['c05', 40, '323', 2, 'about-to-sleep'],
  ['c06', 90, '344', 4, 'loyal-customers'],
  ['c07', 120, '212', 1, 'hibernating'],
  ['c08', 180, '255', 5, 'cant-lose-them'],
  ['c09', 270, '122', 2, 'lost'],
  ['c10', 365, '111', 1, 'lost'],
];

const rfm = suite('RFM scores and segments on a worked example');

rfm('recency in whole days, scores, FM and segment of each customer', () => {
  const scores = scoreRfm(customers, asOf);
  assert.equal(
    scores.map((score) => [
      score.customerId,
      score.recencyDays,
      score.code,
      score.frequencyMonetaryScore,
      score.segment,
    ]),
    expected,
  );
  assert.equal(scores[0], {
    customerId: 'c01',
    recencyDays: 1,
    frequency: 12,
    monetary: 2400,
    recencyScore: 5,
    frequencyScore: 5,
    monetaryScore: 5,
    frequencyMonetaryScore: 5,
    code: '555',
    segment: 'champions',
  });
});

rfm('the input order changes nothing but the output order', () => {
  const forward = scoreRfm(customers, asOf);
  const backward = scoreRfm([...customers].reverse(), new Date(asOf)).reverse();
  assert.equal(backward, forward);
});

rfm('refuses purchases after the as-of instant, duplicates and malformed summaries', () => {
  assert.throws(() => scoreRfm(customers, '2024-06-30T00:00:00Z'), /after the as-of/);
  assert.throws(() => scoreRfm([...customers, customer('c01', '2024-01-01T00:00:00Z', 1, 1)], asOf), /twice/);
  assert.throws(() => scoreRfm([customer('c11', 'yesterday', 1, 1)], asOf), /not a valid instant/);
  assert.throws(() => scoreRfm([customer('c11', '2024-01-01T00:00:00Z', 0, 1)], asOf), /purchases/);
  assert.throws(() => scoreRfm([customer('c11', '2022-01-01T00:00:00Z', 1, 1)], asOf), /before the first/);
  assert.equal(scoreRfm([], asOf), []);
});

rfm.run();

const quintiles = suite('quintile scores: deterministic ties');

quintiles('equal values share a score; all equal means all 1', () => {
  assert.equal(scoreQuintiles([7, 7, 7, 7]), [1, 1, 1, 1]);
  assert.equal(scoreQuintiles([1, 2, 3, 4, 5]), [1, 2, 3, 4, 5]);
  assert.equal(scoreQuintiles([5, 4, 3, 2, 1], false), [1, 2, 3, 4, 5]);
  // Six of ten bought once: they all score 1, and nobody gets 2 or 3.
  assert.equal(scoreQuintiles([1, 1, 1, 1, 1, 1, 2, 2, 3, 9]), [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
});

quintiles.run();

const segments = suite('RFM segment grid');

segments('every R × FM cell has one segment and every segment has a cell', () => {
  const used = new Set<string>();
  for (let r = 1; r <= 5; r++) for (let fm = 1; fm <= 5; fm++) used.add(segmentOf(r, fm));
  assert.equal([...used].sort(), [...RFM_SEGMENTS].sort());
  assert.is(RFM_SEGMENTS.length, 11);
  assert.throws(() => segmentOf(0, 3), /no segment/);
  assert.throws(() => segmentOf(3, 6), /no segment/);
});

segments.run();
