import { formatPosition, type GlobalPosition, startOfAll } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { subscribeByPolling } from './catch-up-subscription.ts';
import type { ReadAllOptions, ReadAllPage } from './event-store.port.ts';

// The polling loop alone, over a source that answers pages as scripted and remembers where each
// read started: a filtered subscription must go on from where the store's read got to.
const at = (prepare: number): GlobalPosition => ({ commit: BigInt(prepare), prepare: BigInt(prepare) });

const catchUp = suite('a catch-up subscription by polling');

catchUp('goes on past the events its filter left out, never back behind its checkpoint', async () => {
  const starts: string[] = [];
  const pages: ReadAllPage[] = [
    // Nothing of its streams, but the read went past 40 events of others.
    { events: [], cursor: at(40) },
    // A source that answers a cursor behind where the read started (nothing visible yet).
    { events: [], cursor: at(10) },
  ];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const subscription = subscribeByPolling(
    {
      async readAllPage({ after }: ReadAllOptions) {
        starts.push(formatPosition(after ?? startOfAll));
        const page = pages.shift();
        if (!page) done();
        return page ?? { events: [], cursor: after };
      },
      headPosition: async () => at(0),
      waitForAppend: async () => {},
    },
    { pageSize: 10, pollIntervalMs: 1 },
    { from: 'start', filter: { streamPrefix: 'case-' }, onEvent: async () => {} },
  );
  await finished;
  await subscription.stop();
  assert.equal(starts.slice(0, 3), [formatPosition(startOfAll), '40/40', '40/40']);
});

catchUp.run();
