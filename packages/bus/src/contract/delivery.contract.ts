import assert from 'node:assert/strict';
import {
  assertOncePerKeyInOrder,
  countPerKey,
  freshGroup,
  type LogContractCase,
  plannedPublishers,
  recorder,
  type Sample,
  sleep,
  toMessage,
  waitUntil,
  withLog,
} from './log-contract.harness.ts';

const batchSize = 25;

export const deliveryContract: LogContractCase[] = [
  {
    name: '1,000 messages over 20 keys from 8 concurrent publishers are each handled once, in order per key',
    run: (harness) =>
      withLog(harness, {}, async (log) => {
        const { seen, handle } = recorder();
        const consumer = await log.consume({ group: freshGroup('thousand'), handle });
        const publishers = plannedPublishers(1_000, 20, 8, 'thousand');
        await Promise.all(
          publishers.map(async (samples) => {
            for (let i = 0; i < samples.length; i += batchSize) {
              await log.publish(samples.slice(i, i + batchSize).map(toMessage));
            }
          }),
        );
        await waitUntil(() => seen.length >= 1_000, '1,000 handled messages', harness.timeoutMs);
        await sleep(300); // room for a duplicate to show up
        assertOncePerKeyInOrder(seen, countPerKey(publishers.flat()));
        assert.deepEqual(seen[0]?.headers, toMessage(seen[0] as Sample).headers, 'headers arrive as sent, any script');
        await consumer.stop();
      }),
  },
  {
    name: 'a graceful stop finishes the message in hand; the next consumer of the group goes on without loss or duplicates',
    run: (harness) =>
      withLog(harness, {}, async (log) => {
        const group = freshGroup('handover');
        const samples = plannedPublishers(200, 4, 1, 'handover').flat();
        let inHand = 0;
        const { seen, handle } = recorder();
        const slowHandle: typeof handle = async (message) => {
          inHand += 1;
          try {
            await sleep(5);
            await handle(message);
          } finally {
            inHand -= 1;
          }
        };
        const first = await log.consume({ group, handle: slowHandle });
        // Not awaited: in process, publish resolves only once the second consumer handled the rest.
        const published = log.publish(samples.map(toMessage));
        published.catch(() => {});
        await waitUntil(() => seen.length >= 30, 'the first consumer handling 30 messages', harness.timeoutMs);
        await first.stop();
        assert.equal(inHand, 0, 'stop waited for the messages in hand');
        const handledByFirst = seen.length;
        assert.ok(handledByFirst < samples.length, 'the first consumer stopped midway');
        await sleep(300);
        assert.equal(seen.length, handledByFirst, 'nothing is handled after stop resolved');

        const second = await log.consume({ group, handle: slowHandle });
        await waitUntil(
          () => seen.length >= samples.length,
          'the second consumer handling the rest',
          harness.timeoutMs,
        );
        await published;
        await sleep(300);
        assertOncePerKeyInOrder(seen, countPerKey(samples));
        await second.stop();
      }),
  },
];
