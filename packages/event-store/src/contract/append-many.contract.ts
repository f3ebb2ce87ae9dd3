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
      const taken = sampleEvent(3);
      await store.appendToStream(a, [taken]);
      await assert.rejects(store.appendToStreams([{ streamId: b, events: [taken] }]), (error: unknown) =>
        isHubError(error, 'DUPLICATE_EVENT_ID'),
      );
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
