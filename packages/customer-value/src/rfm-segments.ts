// Named RFM segments from the recency score R and the frequency–monetary score FM.

export const RFM_SEGMENTS = [
  'champions',
  'loyal-customers',
  'potential-loyalists',
  'new-customers',
  'promising',
  'need-attention',
  'about-to-sleep',
  'at-risk',
  'cant-lose-them',
  'hibernating',
  'lost',
] as const;

/** A stable id; user interfaces translate it. */
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/**
 * Rows R = 5 … 1, columns FM = 1 … 5. The grid is the usual 11-segment map (Putler's, also
 * used by the rfm R package) with its overlapping ranges resolved into one segment per cell.
 */
const GRID: readonly (readonly RfmSegment[])[] = [
  ['new-customers', 'potential-loyalists', 'potential-loyalists', 'champions', 'champions'],
  ['promising', 'potential-loyalists', 'potential-loyalists', 'loyal-customers', 'champions'],
  ['about-to-sleep', 'about-to-sleep', 'need-attention', 'loyal-customers', 'loyal-customers'],
  ['hibernating', 'hibernating', 'at-risk', 'at-risk', 'cant-lose-them'],
  ['lost', 'lost', 'at-risk', 'cant-lose-them', 'cant-lose-them'],
];

/** FM = ⌊(F + M) / 2⌋: a customer reaches an FM level only when F and M together do. */
export function frequencyMonetaryScore(frequencyScore: number, monetaryScore: number): number {
  return Math.floor((frequencyScore + monetaryScore) / 2);
}

export function segmentOf(recencyScore: number, frequencyMonetary: number): RfmSegment {
  const segment = GRID[5 - recencyScore]?.[frequencyMonetary - 1];
  if (segment === undefined) throw new RangeError(`no segment for R ${recencyScore}, FM ${frequencyMonetary}`);
  return segment;
}
