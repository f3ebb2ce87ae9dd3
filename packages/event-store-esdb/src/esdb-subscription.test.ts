import assert from 'node:assert/strict';
import type { SubscribeToAllOptions } from '@hub/event-store';
import type { RecordedEvent } from '@hub/events';
import { suite } from 'uvu';
import { StubEsdbClient } from './esdb-client.stub.ts';
import { subscribeCatchUp } from './esdb-subscription.ts';

// The adapter's own catch-up loop over a stand-in client (see esdb-client.stub.ts): paging,
// hand-over to the live feed, stop and errors. What a real server does is the contract's job.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function watch(
  stub: StubEsdbClient,
  options: Omit<SubscribeToAllOptions, 'onEvent'>,
  onEvent = (_: RecordedEvent) => {},
) {
  const seen: string[] = [];
  const log: string[] = [];
  const errors: unknown[] = [];
  const subscription = subscribeCatchUp(stub.asClient(), {
    ...options,
    onEvent: async (event) => {
      await sleep(0); // a handler that yields, so ordering does not rest on synchronous luck
      onEvent(event);
      seen.push(event.id);
      log.push(`event ${event.id}`);
    },
    onCaughtUp: () => log.push('caught up'),
    onError: (error) => errors.push(error),
  });
  return { seen, log, errors, subscription };
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

const catchUp = suite('catch-up subscription loop over a mocked KurrentDB client (no server can run here)');

catchUp('pages through a backlog larger than a page, filtered, then follows live appends exactly once', async () => {
  const stub = new StubEsdbClient();
  const wanted = [];
  // 700 wanted among 1400: more than one page of matches and of raw records, with the page
  // boundaries falling on wanted, unwanted and system records alike.
  for (let n = 0; n < 1400; n++) {
    if (n % 2 === 0) wanted.push(stub.append(`conversation-${n % 7}`));
    else if (n % 4 === 1) stub.append(`customer-${n}`, 'CustomerRegistered');
    else stub.append('$stats-node', '$statsCollected');
  }
  const { seen, log, errors, subscription } = watch(stub, { from: 'start', filter: { streamPrefix: 'conversation-' } });
  while (!log.includes('caught up')) await sleep(5);
  assert.deepEqual(seen, ids(wanted));
  const later = [stub.append('conversation-1'), stub.append('customer-9'), stub.append('conversation-2')];
  while (seen.length < wanted.length + 2) await sleep(5);
  await sleep(50);
  await subscription.stop();
  assert.deepEqual(seen, ids([...wanted, later[0], later[2]].filter((r) => r !== undefined)));
  assert.deepEqual(errors, []);
});

catchUp('from a checkpoint: strictly after it; from the end: only what comes later', async () => {
  const stub = new StubEsdbClient();
  const first = [stub.append('conversation-a'), stub.append('conversation-a'), stub.append('conversation-b')];
  const checkpoint = first[0]?.position;
  assert.ok(checkpoint);
  const fromCheckpoint = watch(stub, { from: checkpoint });
  const fromEnd = watch(stub, { from: 'end' });
  while (!fromEnd.log.includes('caught up') || !fromCheckpoint.log.includes('caught up')) await sleep(5);
  const next = stub.append('conversation-c');
  while (fromEnd.seen.length < 1 || fromCheckpoint.seen.length < 3) await sleep(5);
  await Promise.all([fromCheckpoint.subscription.stop(), fromEnd.subscription.stop()]);
  assert.deepEqual(fromCheckpoint.seen, ids([first[1], first[2], next] as { id: string }[]));
  assert.deepEqual(fromEnd.seen, [next.id]);
});

catchUp("the server's caught-up message is relayed only after the events before it were handled", async () => {
  const stub = new StubEsdbClient();
  const { log, subscription } = watch(stub, { from: 'start' });
  while (!log.includes('caught up')) await sleep(5);
  const live = [stub.append('conversation-a'), stub.append('conversation-a'), stub.append('conversation-a')];
  stub.signalCaughtUp();
  while (log.filter((l) => l === 'caught up').length < 2) await sleep(5);
  await subscription.stop();
  assert.deepEqual(log, ['caught up', ...live.map((r) => `event ${r.id}`), 'caught up']);
});

catchUp('a handler that throws stops the subscription and reports once; the event is not skipped past', async () => {
  const stub = new StubEsdbClient();
  const records = [stub.append('conversation-a'), stub.append('conversation-a'), stub.append('conversation-a')];
  const failing = records[1]?.id;
  const { seen, errors, subscription } = watch(stub, { from: 'start' }, (event) => {
    if (event.id === failing) throw new Error('projection bug');
  });
  while (errors.length === 0) await sleep(5);
  stub.append('conversation-a');
  await sleep(50);
  await subscription.stop();
  assert.equal(errors.length, 1);
  assert.equal((errors[0] as Error).message, 'projection bug');
  assert.deepEqual(seen, [records[0]?.id]);
});

catchUp('stop while waiting for live events resolves, and nothing is delivered after it', async () => {
  const stub = new StubEsdbClient();
  const { seen, log, errors, subscription } = watch(stub, { from: 'start' });
  while (!log.includes('caught up')) await sleep(5);
  await subscription.stop();
  stub.append('conversation-a');
  await sleep(50);
  assert.deepEqual(seen, []);
  assert.deepEqual(errors, []);
});

catchUp.run();
