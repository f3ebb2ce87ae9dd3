import assert from 'node:assert/strict';
import { isHubError } from '@hub/errors';
import { type ContractCase, freshStream, sampleEvent, sampleEvents } from './contract-harness.ts';

export const deletionContract: ContractCase[] = [
  {
    name: 'a truncated stream hides the events before the revision and keeps counting from where it was',
    async run({ store }) {
      const stream = freshStream('truncate');
      await store.appendToStream(stream, sampleEvents(5));
      await store.truncateStream(stream, 3);
      assert.deepEqual(
        (await store.readStream(stream)).map((e) => e.revision),
        [3, 4],
      );
      const result = await store.appendToStream(stream, [sampleEvent(5)], { expectedRevision: 4 });
      assert.equal(result.nextExpectedRevision, 5);
    },
  },
  {
    name: 'a soft-deleted stream reads as empty and can be written again',
    async run({ store }) {
      const stream = freshStream('soft-delete');
      await store.appendToStream(stream, sampleEvents(3));
      await store.deleteStream(stream);
      assert.deepEqual(await store.readStream(stream), []);
      const again = sampleEvent(7);
      await store.appendToStream(stream, [again], { expectedRevision: 'any' });
      assert.deepEqual(
        (await store.readStream(stream)).map((e) => e.id),
        [again.id],
      );
    },
  },
  {
    name: 'a permanently deleted stream refuses appends with a typed error',
    async run({ store }) {
      const stream = freshStream('tombstone');
      await store.appendToStream(stream, sampleEvents(2));
      await store.deleteStream(stream, { permanent: true });
      await assert.rejects(store.appendToStream(stream, [sampleEvent(2)]), (error: unknown) =>
        isHubError(error, 'STREAM_DELETED'),
      );
      assert.deepEqual(await store.readStream(stream), []);
    },
  },
];
