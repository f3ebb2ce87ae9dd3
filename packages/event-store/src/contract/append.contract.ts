import assert from 'node:assert/strict';
import { isHubError } from '@hub/errors';
import { type ContractCase, freshStream, sampleEvent, sampleEvents } from './contract-harness.ts';

const isConflict = (actual: number | null) => (error: unknown) =>
  isHubError(error, 'WRONG_EXPECTED_REVISION') && error.context.actual === actual;

export const appendContract: ContractCase[] = [
  {
    name: 'an append is read back whole: ids, types, bodies, envelope, revisions from 0',
    async run({ store }) {
      const stream = freshStream('roundtrip');
      const events = [
        sampleEvent(0, { causationId: 'cause-1', correlationId: 'corr-1', metadata: { channel: 'email', n: 1 } }),
        sampleEvent(1, { schemaVersion: 3 }),
      ];
      const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      assert.equal(result.nextExpectedRevision, 1);
      assert.equal(result.alreadyAppended, false);
      const read = await store.readStream(stream);
      assert.deepEqual(
        read.map((e) => [e.id, e.type, e.schemaVersion, e.revision, e.streamId]),
        events.map((e, i) => [e.id, e.type, e.schemaVersion, i, stream]),
      );
      assert.deepEqual(read[0]?.data, events[0]?.data);
      assert.equal(read[0]?.occurredAt.toISOString(), events[0]?.occurredAt.toISOString());
      assert.equal(read[0]?.causationId, 'cause-1');
      assert.equal(read[0]?.correlationId, 'corr-1');
      assert.deepEqual(read[0]?.metadata, { channel: 'email', n: 1 });
      assert.equal(read[1]?.causationId, null);
      assert.ok(read[0]?.recordedAt instanceof Date);
      assert.deepEqual(read.at(-1)?.position, result.position);
    },
  },
  {
    name: 'text in any script is stored exactly (Persian, Arabic, CJK, emoji, combining marks)',
    async run({ store }) {
      const stream = freshStream('scripts');
      const text = 'سلام، سفارش ۱۲۳۴ کجاست؟ — مرحباً — 你好 — 👩🏽‍💻 — é (e + U+0301) — \u200cنیم‌فاصله';
      await store.appendToStream(stream, [sampleEvent(0, { data: { text } })]);
      const [read] = await store.readStream(stream);
      assert.deepEqual(read?.data, { text });
    },
  },
  {
    name: 'a wrong expected revision is a typed conflict that names the actual revision, and writes nothing',
    async run({ store }) {
      const stream = freshStream('conflict');
      await store.appendToStream(stream, sampleEvents(2), { expectedRevision: 'no_stream' });
      await assert.rejects(store.appendToStream(stream, [sampleEvent(2)], { expectedRevision: 0 }), isConflict(1));
      await assert.rejects(
        store.appendToStream(stream, [sampleEvent(2)], { expectedRevision: 'no_stream' }),
        isConflict(1),
      );
      const missing = freshStream('missing');
      await assert.rejects(
        store.appendToStream(missing, [sampleEvent(0)], { expectedRevision: 'stream_exists' }),
        isConflict(null),
      );
      await assert.rejects(store.appendToStream(missing, [sampleEvent(0)], { expectedRevision: 4 }), isConflict(null));
      assert.equal((await store.readStream(stream)).length, 2);
      assert.equal((await store.readStream(missing)).length, 0);
    },
  },
  {
    name: 'exact, stream_exists and any expected revisions accept a stream where it is',
    async run({ store }) {
      const stream = freshStream('accepts');
      let result = await store.appendToStream(stream, [sampleEvent(0)], { expectedRevision: 'no_stream' });
      result = await store.appendToStream(stream, [sampleEvent(1)], { expectedRevision: result.nextExpectedRevision });
      result = await store.appendToStream(stream, [sampleEvent(2)], { expectedRevision: 'stream_exists' });
      result = await store.appendToStream(stream, [sampleEvent(3)], { expectedRevision: 'any' });
      assert.equal(result.nextExpectedRevision, 3);
      assert.deepEqual(
        (await store.readStream(stream)).map((e) => e.revision),
        [0, 1, 2, 3],
      );
    },
  },
  {
    name: 'a retried append (same ids, same expected revision) succeeds and writes nothing twice',
    async run({ store }) {
      const stream = freshStream('retry');
      const batch = sampleEvents(3);
      const first = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      const retry = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      assert.equal(retry.alreadyAppended, true);
      assert.equal(retry.nextExpectedRevision, first.nextExpectedRevision);
      assert.deepEqual(retry.position, first.position);
      const following = sampleEvent(3);
      const next = await store.appendToStream(stream, [following], { expectedRevision: first.nextExpectedRevision });
      assert.equal(next.nextExpectedRevision, 3);
      assert.deepEqual(
        (await store.readStream(stream)).map((e) => e.id),
        [...batch, following].map((e) => e.id),
      );
    },
  },
  {
    name: 'a retried single-event append with expected revision any, after the stream moved on, writes nothing',
    async run({ store }) {
      const stream = freshStream('retry-any');
      const event = sampleEvent(0);
      await store.appendToStream(stream, [event], { expectedRevision: 'any' });
      await store.appendToStream(stream, [sampleEvent(1)], { expectedRevision: 'any' });
      const retry = await store.appendToStream(stream, [event], { expectedRevision: 'any' });
      assert.equal(retry.alreadyAppended, true);
      assert.equal(retry.nextExpectedRevision, 0);
      assert.equal((await store.readStream(stream)).length, 2);
    },
  },
];
