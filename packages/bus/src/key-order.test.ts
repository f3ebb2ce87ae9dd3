import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createKeyOrder } from './key-order.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const order = suite('key order: per-key FIFO');

order('tasks of one key run one after another in submission order, even when one fails', async () => {
  const keys = createKeyOrder();
  const ran: string[] = [];
  const task =
    (label: string, ms: number, fail = false) =>
    async () => {
      await sleep(ms);
      ran.push(label);
      if (fail) throw new Error(label);
    };
  const results = await Promise.allSettled([
    keys.after('a', task('a1', 20, true)),
    keys.after('b', task('b1', 1)),
    keys.after('a', task('a2', 1)),
  ]);
  assert.equal(ran, ['b1', 'a1', 'a2'], 'b did not wait for a; a2 waited for a1');
  assert.equal(
    results.map((r) => r.status),
    ['rejected', 'fulfilled', 'fulfilled'],
  );
});

order.run();
