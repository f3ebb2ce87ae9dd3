import assert from 'node:assert/strict';
import { isHubError } from '@hub/errors';
import { type ContractCase, freshStream, sampleEvent, sampleEvents } from './contract-harness.ts';

/** `appendToStreams` on every backend: entries in order, each with appendToStream's meaning. */
export const appendManyContract: ContractCase[] = [
  {
    name: 'several streams in one call: entries in order, a stream named twice continues, one result per entry',
    async run({ store }) {
      const [a, b] = [freshStream('many-a'), freshStream('many-b')];
      const [first, second, third] = [sampleEvents(2), [sampleEvent(10)], [sampleEvent(20), sampleEvent(21)]];
      const results = await store.appendToStreams([
        { streamId: a, events: first, expectedRevision: 'no_stream' },
        { streamId: b, events: second },
        { streamId: a, events: third, expectedRevision: 1 },
      ]);
      assert.deepEqual(
        results.map((r) => [r.nextExpectedRevision, r.alreadyAppended]),
        [
          [1, false],
          [0, false],
          [3, false],
        ],
      );
      assert.deepEqual(
        (await store.readStream(a)).map((e) => [e.id, e.revision]),
        [...first, ...third].map((e, i) => [e.id, i]),
      );
      assert.deepEqual(
        (await store.readStream(b)).map((e) => e.id),
        second.map((e) => e.id),
      );
      const all = await store.readAll({ maxCount: 100_000 });
      const order = all.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.id);
      assert.deepEqual(
        order,
        [...first, ...second, ...third].map((e) => e.id),
        'the global order follows the call',
      );
    },
  },
  {
    name: 'a retried call writes nothing twice and answers each entry as already appended',
    async run({ store }) {
      const [a, b] = [freshStream('many-retry-a'), freshStream('many-retry-b')];
      const appends = [
        { streamId: a, events: sampleEvents(2) },
        { streamId: b, events: [sampleEvent(5)] },
      ];
      const first = await store.appendToStreams(appends);
      const retry = await store.appendToStreams(appends);
      assert.deepEqual(
        retry.map((r) => r.alreadyAppended),
        [true, true],
      );
      assert.deepEqual(
        retry.map((r) => r.position),
        first.map((r) => r.position),
      );
      assert.equal((await store.readStream(a)).length, 2);
      assert.equal((await store.readStream(b)).length, 1);
    },
  },
  {
    name: "a failing entry fails the call with that entry's typed error",
    async run({ store }) {
      const [a, b] = [freshStream('many-fail-a'), freshStream('many-fail-b')];
      await store.appendToStream(b, [sampleEvent(0)]);
      await assert.rejects(
        store.appendToStreams([
          { streamId: a, events: [sampleEvent(1)] },
          { streamId: b, events: [sampleEvent(2)], expectedRevision: 'no_stream' },
        ]),
        (error: unknown) =>
          isHubError(error, 'WRONG_EXPECTED_REVISION') && error.context.streamId === b && error.context.actual === 0,
      );
      const deleted = freshStream('many-fail-deleted');
      await store.appendToStream(deleted, [sampleEvent(9)]);
      await store.deleteStream(deleted, { permanent: true });
      await assert.rejects(
        store.appendToStreams([{ streamId: deleted, events: [sampleEvent(10)] }]),
        (error: unknown) => isHubError(error, 'STREAM_DELETED') && error.context.streamId === deleted,
      );
      const taken = sampleEvent(3);
      await store.appendToStream(a, [taken]);
      await assert.rejects(store.appendToStreams([{ streamId: b, events: [taken] }]), (error: unknown) =>
        isHubError(error, 'DUPLICATE_EVENT_ID'),
      );
    },
  },
  {
    name: 'new events for revision any: each stream continues where it is, a stream named twice continues its first entry',
    async run({ store }) {
      const [a, b] = [freshStream('many-any-a'), freshStream('many-any-b')];
      await store.appendToStream(a, sampleEvents(2));
      const entries = [
        { streamId: a, events: [sampleEvent(10), sampleEvent(11)] },
        { streamId: b, events: [sampleEvent(20)] },
        { streamId: a, events: [sampleEvent(12)] },
        { streamId: b, events: [sampleEvent(21), sampleEvent(22)] },
      ];
      const results = await store.appendToStreams(entries);
      assert.deepEqual(
        results.map((r) => r.nextExpectedRevision),
        [3, 0, 4, 2],
      );
      assert.deepEqual(
        (await store.readStream(a)).slice(2).map((e) => [e.id, e.revision]),
        [...(entries[0]?.events ?? []), ...(entries[2]?.events ?? [])].map((e, i) => [e.id, i + 2]),
      );
      const all = await store.readAll({ maxCount: 100_000 });
      const mine = all.filter((e) => e.streamId === a || e.streamId === b).slice(2);
      assert.deepEqual(
        mine.map((e) => e.id),
        entries.flatMap((x) => x.events.map((e) => e.id)),
        'the global order follows the call',
      );
      assert.deepEqual(results.at(-1)?.position, mine.at(-1)?.position);
    },
  },
  {
    name: 'expected revisions that hold (no stream, stream exists, a revision), each stream named once: all appended, revisions continue',
    async run({ store }) {
      const [fresh, existing, atRevision] = [
        freshStream('many-expect-fresh'),
        freshStream('many-expect-exists'),
        freshStream('many-expect-revision'),
      ];
      await store.appendToStream(existing, [sampleEvent(0)]);
      await store.appendToStream(atRevision, sampleEvents(3));
      const results = await store.appendToStreams([
        { streamId: fresh, events: [sampleEvent(10)], expectedRevision: 'no_stream' },
        { streamId: existing, events: [sampleEvent(20), sampleEvent(21)], expectedRevision: 'stream_exists' },
        { streamId: atRevision, events: [sampleEvent(30)], expectedRevision: 2 },
      ]);
      assert.deepEqual(
        results.map((r) => [r.nextExpectedRevision, r.alreadyAppended]),
        [
          [0, false],
          [2, false],
          [3, false],
        ],
      );
      assert.deepEqual(
        (await store.readStream(atRevision)).map((e) => e.revision),
        [0, 1, 2, 3],
      );
      // The same revision again no longer holds: the whole call fails, naming where the stream is.
      await assert.rejects(
        store.appendToStreams([
          { streamId: fresh, events: [sampleEvent(11)], expectedRevision: 0 },
          { streamId: atRevision, events: [sampleEvent(31)], expectedRevision: 2 },
        ]),
        (error: unknown) =>
          isHubError(error, 'WRONG_EXPECTED_REVISION') &&
          error.context.streamId === atRevision &&
          error.context.actual === 3,
      );
    },
  },
  {
    name: 'concurrent calls over the same streams, in different orders: no deadlock, no gap, nothing twice',
    async run({ store }) {
      const streams = Array.from({ length: 5 }, (_, i) => freshStream(`many-race-${i}`));
      const written: string[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async (_, writer) => {
          for (let call = 0; call < 10; call++) {
            const order = writer % 2 === 0 ? streams : [...streams].reverse();
            const entries = order.map((streamId, i) => ({
              streamId,
              events: [sampleEvent(writer * 1000 + call * 10 + i)],
            }));
            written.push(...entries.flatMap((e) => e.events.map((x) => x.id)));
            await store.appendToStreams(entries);
          }
        }),
      );
      const read = (await Promise.all(streams.map((s) => store.readStream(s)))).flat();
      for (const stream of streams) {
        assert.deepEqual(
          read.filter((e) => e.streamId === stream).map((e) => e.revision),
          Array.from({ length: 40 }, (_, i) => i),
          `${stream} has revisions 0..39`,
        );
      }
      assert.deepEqual(read.map((e) => e.id).sort(), written.sort());
    },
  },
  {
    name: 'an empty call writes nothing and answers nothing',
    async run({ store }) {
      assert.deepEqual(await store.appendToStreams([]), []);
    },
  },
];

/** For backends with transactions (memory, PostgreSQL, PGlite): a failing call writes nothing at all. */
export const atomicAppendManyContract: ContractCase[] = [
  {
    name: 'a call with a failing entry writes none of its entries, not even those before it',
    async run({ store }) {
      const [a, b, c] = [freshStream('atomic-a'), freshStream('atomic-b'), freshStream('atomic-c')];
      await store.appendToStream(c, [sampleEvent(0)]);
      const before = await store.readAll({ maxCount: 100_000 });
      await assert.rejects(
        store.appendToStreams([
          { streamId: a, events: sampleEvents(3) },
          { streamId: b, events: [sampleEvent(4)], expectedRevision: 'no_stream' },
          { streamId: c, events: [sampleEvent(5)], expectedRevision: 'no_stream' },
        ]),
        (error: unknown) => isHubError(error, 'WRONG_EXPECTED_REVISION') && error.context.streamId === c,
      );
      assert.equal((await store.readStream(a)).length, 0);
      assert.equal((await store.readStream(b)).length, 0);
      assert.equal((await store.readAll({ maxCount: 100_000 })).length, before.length);
      const after = await store.appendToStreams([
        { streamId: a, events: [sampleEvent(6)], expectedRevision: 'no_stream' },
      ]);
      assert.equal(after[0]?.nextExpectedRevision, 0, 'the stream is untouched, revisions start from 0');
    },
  },
];
