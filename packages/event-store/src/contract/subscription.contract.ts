import assert from 'node:assert/strict';
import type { GlobalPosition } from '@hub/events';
import {
  type ContractCase,
  collectSubscription,
  freshStream,
  sampleEvent,
  sampleEvents,
  sleep,
} from './contract-harness.ts';

const WRITERS = 8;
const APPENDS_PER_WRITER = 25;
const STREAMS = 4;

const ids = (events: readonly { readonly id: string }[]) => events.map((e) => e.id);

export const subscriptionContract: ContractCase[] = [
  {
    name: `${WRITERS} concurrent writers to overlapping streams: a live subscriber sees every event exactly once, in the order read-all gives`,
    async run({ store }) {
      const prefix = freshStream('concurrent');
      const live = collectSubscription(store, { from: 'start', filter: { streamPrefix: prefix } });
      try {
        await Promise.all(
          Array.from({ length: WRITERS }, async (_, writer) => {
            for (let n = 0; n < APPENDS_PER_WRITER; n++) {
              const stream = `${prefix}-${(writer + n) % STREAMS}`;
              const size = 1 + (n % 3);
              await store.appendToStream(
                stream,
                Array.from({ length: size }, (_, i) => sampleEvent(i, { metadata: { writer, n } })),
                { expectedRevision: 'any' },
              );
            }
          }),
        );
        const total =
          Array.from({ length: APPENDS_PER_WRITER }, (_, n) => 1 + (n % 3)).reduce((a, b) => a + b) * WRITERS;
        await live.until(total);
        await sleep(300); // anything delivered twice would arrive now
        assert.equal(live.seen.length, total, 'no event delivered twice');
        assert.equal(new Set(ids(live.seen)).size, total, 'every event once');
        const replay = await store.readAll({ maxCount: total + 10, filter: { streamPrefix: prefix } });
        assert.deepEqual(ids(live.seen), ids(replay), 'the live order is the replay order');
        for (let s = 0; s < STREAMS; s++) {
          const revisions = live.seen.filter((e) => e.streamId === `${prefix}-${s}`).map((e) => e.revision);
          assert.deepEqual(revisions, [...revisions.keys()], `stream ${s} in revision order without gaps`);
        }
      } finally {
        await live.stop();
      }
    },
  },
  {
    name: 'a filter of several stream prefixes: reads and subscriptions get the streams of any of them, in global order, and no other',
    async run({ store }) {
      const [orders, settings, other] = [freshStream('orders'), freshStream('settings'), freshStream('other')];
      const filter = { streamPrefix: [orders, settings] };
      const live = collectSubscription(store, { from: 'start', filter });
      try {
        const streams = [`${orders}-1`, `${other}-1`, settings, `${orders}-2`, `${other}-2`];
        for (const [n, stream] of streams.entries()) await store.appendToStream(stream, [sampleEvent(n)]);
        const wanted = streams.filter((stream) => !stream.startsWith(other));
        await live.until(3);
        await sleep(200); // an event of another stream would arrive now
        assert.deepEqual(
          live.seen.map((e) => e.streamId),
          wanted,
        );
        const page = await store.readAllPage({ maxCount: 2, filter });
        assert.deepEqual(
          page.events.map((e) => e.streamId),
          wanted.slice(0, 2),
        );
        const rest = await store.readAllPage({ maxCount: 10, filter, ...(page.cursor ? { after: page.cursor } : {}) });
        assert.deepEqual(
          rest.events.map((e) => e.streamId),
          wanted.slice(2),
        );
        assert.deepEqual(
          await store.readAll({ maxCount: 10, filter: { streamPrefix: [] } }),
          [],
          'no prefix, no stream',
        );
      } finally {
        await live.stop();
      }
    },
  },
  {
    name: "a subscription from 'end' sees only what is appended after it started",
    async run({ store }) {
      const prefix = freshStream('from-end');
      await store.appendToStream(`${prefix}-old`, sampleEvents(3));
      let caughtUp!: () => void;
      const ready = new Promise<void>((resolve) => {
        caughtUp = resolve;
      });
      const live = collectSubscription(store, {
        from: 'end',
        filter: { streamPrefix: prefix },
        onCaughtUp: () => caughtUp(),
      });
      try {
        await ready;
        const fresh = sampleEvents(2);
        await store.appendToStream(`${prefix}-new`, fresh);
        await live.until(2);
        await sleep(200);
        assert.deepEqual(ids(live.seen), ids(fresh));
      } finally {
        await live.stop();
      }
    },
  },
  {
    name: 'a subscriber restarted from its checkpoint, on a reopened store, gets exactly the events it had not handled',
    async run({ store, reopen }) {
      const prefix = freshStream('restart');
      const firstBatch = sampleEvents(5);
      await store.appendToStream(`${prefix}-a`, firstBatch);
      const before = collectSubscription(store, { from: 'start', filter: { streamPrefix: prefix } });
      await before.until(5);
      await before.stop();
      const checkpoint: GlobalPosition | undefined = before.seen.at(-1)?.position;
      assert.ok(checkpoint);

      const whileDown = sampleEvents(3);
      await store.appendToStream(`${prefix}-a`, whileDown.slice(0, 2));
      await store.appendToStream(`${prefix}-b`, whileDown.slice(2));

      const restarted = await reopen();
      const after = collectSubscription(restarted, { from: checkpoint, filter: { streamPrefix: prefix } });
      try {
        await after.until(3);
        const later = sampleEvent(99);
        await store.appendToStream(`${prefix}-b`, [later]);
        await after.until(4);
        await sleep(200);
        assert.deepEqual(ids(after.seen), [...ids(whileDown), later.id]);
      } finally {
        await after.stop();
        if (restarted !== store) await restarted.close();
      }
    },
  },
  {
    name: 'a handler that throws stops the subscription and reports the error; the event is not skipped',
    async run({ store }) {
      const prefix = freshStream('handler-error');
      await store.appendToStream(`${prefix}-a`, sampleEvents(3));
      const handled: string[] = [];
      const failure = new Promise<unknown>((resolve) => {
        const subscription = store.subscribeToAll({
          from: 'start',
          filter: { streamPrefix: prefix },
          onEvent: (event) => {
            if (event.revision === 1) throw new Error('projection bug');
            handled.push(event.id);
          },
          onError: (error) => {
            void subscription.stop().then(() => resolve(error));
          },
        });
      });
      const error = await Promise.race([failure, sleep(10_000).then(() => 'timeout')]);
      assert.ok(error instanceof Error && error.message === 'projection bug');
      assert.equal(handled.length, 1);
    },
  },
];
