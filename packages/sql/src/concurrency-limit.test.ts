import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSlots, limitConcurrency } from './concurrency-limit.ts';
import type { SqlExecutor } from './sql-database.ts';

/** A database whose statements finish when the test says; it records how many ran at once. */
function heldDatabase() {
  const pending: { text: string; finish: (error?: Error) => void }[] = [];
  const started: string[] = [];
  let running = 0;
  let most = 0;
  const db: SqlExecutor = {
    query: <Row>(text: string) =>
      new Promise<Row[]>((resolve, reject) => {
        started.push(text);
        running += 1;
        most = Math.max(most, running);
        pending.push({
          text,
          finish: (error) => {
            running -= 1;
            if (error) reject(error);
            else resolve([{ text } as Row]);
          },
        });
      }),
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { db, pending, started, most: () => most, settle };
}

test('at most the limit run at once; the others start in the order they came as slots free', async () => {
  const held = heldDatabase();
  const limited = limitConcurrency(held.db, 2);
  const answers = ['a', 'b', 'c', 'd', 'e'].map((text) => limited.query<{ text: string }>(text));
  await held.settle();
  assert.equal(held.started, ['a', 'b']);
  held.pending.shift()?.finish();
  await held.settle();
  assert.equal(held.started, ['a', 'b', 'c']);
  while (held.pending.length > 0) {
    held.pending.shift()?.finish();
    await held.settle();
  }
  assert.equal(
    (await Promise.all(answers)).map((rows) => rows[0]?.text),
    ['a', 'b', 'c', 'd', 'e'],
  );
  assert.is(held.most(), 2);
});

test('a failing statement gives its slot back and its caller the error', async () => {
  const held = heldDatabase();
  const limited = limitConcurrency(held.db, 1);
  const failing = limited.query('bad').catch((error: unknown) => error);
  const next = limited.query('good');
  await held.settle();
  held.pending.shift()?.finish(new Error('syntax error'));
  await held.settle();
  assert.equal(held.started, ['bad', 'good'], 'the next one started after the failure');
  held.pending.shift()?.finish();
  const error = await failing;
  assert.instance(error, Error);
  assert.is((error as Error).message, 'syntax error');
  assert.is((await next)[0]?.text, 'good');
});

test('a limit that is not a whole number of at least one is refused', () => {
  for (const limit of [0, -1, 1.5, Number.NaN])
    assert.throws(() => limitConcurrency({ query: async () => [] }, limit), /positive integer/);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('slots bound how many tasks run at once and serve waiters first come first served', async () => {
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

test.run();
