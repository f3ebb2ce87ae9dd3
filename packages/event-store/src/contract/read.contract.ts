import assert from 'node:assert/strict';
import { comparePositions, type RecordedEvent } from '@hub/events';
import { type ContractCase, freshStream, sampleEvents } from './contract-harness.ts';

const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);

export const readContract: ContractCase[] = [
  {
    name: 'a stream reads forwards and backwards from a revision, with a count',
    async run({ store }) {
      const stream = freshStream('read');
      // Past revision 9, so a store that sorts revisions as text (10 before 9) fails here.
      await store.appendToStream(stream, sampleEvents(12));
      assert.deepEqual(revisions(await store.readStream(stream, { fromRevision: 8, maxCount: 4 })), [8, 9, 10, 11]);
      assert.deepEqual(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 3 })), [11, 10, 9]);
      assert.deepEqual(
        revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 2 })),
        [2, 1, 0],
      );
      assert.deepEqual(revisions(await store.readStream(stream, { fromRevision: 12 })), []);
    },
  },
  {
    name: 'a stream that was never written reads as empty',
    async run({ store }) {
      assert.deepEqual(await store.readStream(freshStream('never')), []);
      assert.deepEqual(await store.readStream(freshStream('never'), { direction: 'backwards' }), []);
    },
  },
  {
    name: 'several streams read in one call: each whole and in order, in the order asked, a stream never written empty',
    async run({ store }) {
      const [a, b, never] = [freshStream('streams-a'), freshStream('streams-b'), freshStream('streams-never')];
      // Past revision 9 again, and interleaved, so neither a text sort nor the global order passes.
      for (let round = 0; round < 6; round++) {
        await store.appendToStream(a, sampleEvents(2));
        await store.appendToStream(b, sampleEvents(1));
      }
      const [first, missing, second, again] = await store.readStreams([b, never, a, b]);
      assert.deepEqual(
        revisions(second ?? []),
        Array.from({ length: 12 }, (_, i) => i),
      );
      assert.deepEqual(
        second?.map((e) => e.id),
        (await store.readStream(a)).map((e) => e.id),
      );
      assert.deepEqual(revisions(first ?? []), [0, 1, 2, 3, 4, 5]);
      assert.deepEqual(first, again);
      assert.deepEqual(missing, []);
      assert.deepEqual(await store.readStreams([]), []);
    },
  },
  {
    name: 'read all returns every event once, in increasing global order, pages continuing without overlap',
    async run({ store }) {
      const prefix = freshStream('all');
      const a = `${prefix}-a`;
      const b = `${prefix}-b`;
      for (let round = 0; round < 3; round++) {
        await store.appendToStream(a, sampleEvents(2));
        await store.appendToStream(b, sampleEvents(3));
      }
      const pages: RecordedEvent[][] = [];
      let after: RecordedEvent['position'] | undefined;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 4, filter: { streamPrefix: prefix } });
        if (page.length === 0) break;
        pages.push(page);
        after = page.at(-1)?.position;
      }
      const all = pages.flat();
      assert.equal(all.length, 15);
      assert.equal(new Set(all.map((e) => e.id)).size, 15);
      all
        .map((e) => e.position)
        .reduce((previous, current) => {
          assert.ok(comparePositions(previous, current) < 0, 'positions strictly increase');
          return current;
        });
      assert.deepEqual(revisions(all.filter((e) => e.streamId === a)), [0, 1, 2, 3, 4, 5]);
      assert.deepEqual(revisions(all.filter((e) => e.streamId === b)), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
      const first = await store.readAll({ maxCount: 1, filter: { streamPrefix: prefix } });
      assert.equal(first[0]?.id, all[0]?.id);
    },
  },
  {
    name: 'a filtered page goes on past the events its filter left out, and misses nothing appended after it',
    async run({ store }) {
      const rare = freshStream('rare');
      const busy = freshStream('busy');
      await store.appendToStream(`${rare}-a`, sampleEvents(2));
      await store.appendToStream(busy, sampleEvents(5));
      const filter = { streamPrefix: rare };
      const full = await store.readAllPage({ maxCount: 1, filter });
      assert.equal(full.events.length, 1);
      assert.deepEqual(full.cursor, full.events[0]?.position, 'a full page goes on from its last event');
      const short = await store.readAllPage({ after: full.cursor, maxCount: 10, filter });
      assert.deepEqual(
        short.events.map((e) => e.revision),
        [1],
      );
      const busiest = (await store.readStream(busy)).at(-1)?.position;
      assert.ok(busiest && short.cursor, 'the short page has a cursor');
      assert.ok(
        comparePositions(short.cursor, busiest) >= 0,
        'a page that is not full goes on after the other streams it read past',
      );
      const none = await store.readAllPage({ after: short.cursor, maxCount: 10, filter });
      assert.deepEqual(none.events, []);
      await store.appendToStream(`${rare}-b`, sampleEvents(1));
      const later = await store.readAllPage({ after: none.cursor ?? short.cursor, maxCount: 10, filter });
      assert.deepEqual(
        later.events.map((e) => e.streamId),
        [`${rare}-b`],
      );
      assert.deepEqual(
        (await store.readAll({ after: short.cursor, maxCount: 10, filter })).map((e) => e.id),
        later.events.map((e) => e.id),
        'readAll and readAllPage read the same events',
      );
    },
  },
];
