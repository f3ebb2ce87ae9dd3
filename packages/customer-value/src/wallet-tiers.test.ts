import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assignWalletTiers } from './wallet-tiers.ts';

const tiers = suite('share-of-wallet tiers on a worked example');

// Ten customers; scores are 1 + ⌊(position from the bottom) / 2⌋ for n = 10.
//        historic  value | predictive  potential | P(alive) | tier, reason
// w1         100     1   |   500          5      |  0.9     | high, top-potential
// w2         200     2   |   450          5      |  0.1     | none, likely-lapsed
// w3         300     2   |   400          4      |  0.9     | medium, good-potential
// w4         400     3   |   350          4      |  0.9     | medium, good-potential
// w5         500     3   |   300          3      |  0.9     | none, low-potential
// w6        9000     5   |   250          3      |  0.9     | high, top-value-with-potential
// w7         600     4   |   200          2      |  0.9     | medium, proven-value
// w8        8000     5   |   150          2      |  0.9     | medium, proven-value
// w9         700     4   |   100          1      |  0.9     | medium, proven-value
// w10         50     1   |    50          1      |  0.9     | none, low-potential
const values = [
  ['w1', 100, 500, 0.9],
  ['w2', 200, 450, 0.1],
  ['w3', 300, 400, 0.9],
  ['w4', 400, 350, 0.9],
  ['w5', 500, 300, 0.9],
  ['w6', 9000, 250, 0.9],
  ['w7', 600, 200, 0.9],
  ['w8', 8000, 150, 0.9],
  ['w9', 700, 100, 0.9],
  ['w10', 50, 50, 0.9],
] as const;
const wallet = values.map(([customerId, historicValue, predictiveClv, probabilityAlive]) => ({
  customerId,
  historicValue,
  predictiveClv,
  probabilityAlive,
}));

tiers('each customer’s tier, the rule that placed them and their scores', () => {
  assert.equal(
    assignWalletTiers(wallet).map((t) => [t.customerId, t.valueScore, t.potentialScore, t.tier, t.reason]),
    [
      ['w1', 1, 5, 'invest-high', 'top-potential'],
      ['w2', 2, 5, 'invest-none', 'likely-lapsed'],
      ['w3', 2, 4, 'invest-medium', 'good-potential'],
      ['w4', 3, 4, 'invest-medium', 'good-potential'],
      ['w5', 3, 3, 'invest-none', 'low-potential'],
      ['w6', 5, 3, 'invest-high', 'top-value-with-potential'],
      ['w7', 4, 2, 'invest-medium', 'proven-value'],
      ['w8', 5, 2, 'invest-medium', 'proven-value'],
      ['w9', 4, 1, 'invest-medium', 'proven-value'],
      ['w10', 1, 1, 'invest-none', 'low-potential'],
    ],
  );
});

tiers('the P(alive) floor is the caller’s to set', () => {
  const lenient = assignWalletTiers(wallet, { minProbabilityAlive: 0.05 });
  assert.equal([lenient[1]?.tier, lenient[1]?.reason], ['invest-high', 'top-potential']);
  const impossible = { customerId: 'w0', historicValue: 1, predictiveClv: 1, probabilityAlive: 1.2 };
  assert.throws(() => assignWalletTiers([impossible]), /\[0, 1\]/);
});

tiers.run();
