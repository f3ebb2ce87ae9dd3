import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createKeyOrder, createSlots } from './key-order.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const order = suite('key order and slots: per-key FIFO, bounded parallelism');

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

order('slots bound how many tasks run at once and serve waiters first come first served', async () => {
  const slots = createSlots(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, (_, n) =>
      slots.use(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await sleep(5);
        running -= 1;
      }),
    ),
  );
  assert.is(most, 2);
  assert.equal(started, [0, 1, 2, 3, 4, 5]);
  assert.throws(() => createSlots(0), /positive integer/);
});

order.run();
