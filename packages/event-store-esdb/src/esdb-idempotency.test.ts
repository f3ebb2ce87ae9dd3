import assert from 'node:assert/strict';
import { isHubError } from '@hub/errors';
import type { EventToAppend, RecordedEvent } from '@hub/events';
import { suite } from 'uvu';
import { eventIdKey } from './esdb-envelope.ts';
import { earlierAppend, startIdSearch } from './esdb-idempotency.ts';

const ids = ['0b6a2c1e-8f3d-4c52-9a7e-1d2f3a4b5c6d', '1c7b3d2f-9a4e-4d63-8b8f-2e3a4b5c6d7e'];
const events: EventToAppend[] = ids.map((id) => ({
  id,
  type: 'InteractionRecorded',
  schemaVersion: 1,
  data: {},
  occurredAt: new Date(0),
}));

const recorded = (id: string, revision: number): RecordedEvent => ({
  ...(events.find((e) => e.id === id) as EventToAppend),
  streamId: 'conversation-42',
  revision,
  position: { commit: BigInt(100 + revision), prepare: BigInt(90 + revision) },
  recordedAt: new Date(0),
  causationId: null,
  correlationId: null,
  metadata: {},
});

const decide = suite('idempotency: what finding the ids in the stream means');

decide('none of the ids there: nothing to answer, the append goes ahead', () => {
  assert.equal(earlierAppend(startIdSearch('conversation-42', events)), undefined);
});

decide('all of them there: a retry, answered with the revision and position of its last event', () => {
  const search = startIdSearch('conversation-42', events);
  for (const [revision, id] of ids.entries()) search.found.set(eventIdKey(id), recorded(id, revision + 4));
  assert.deepEqual(earlierAppend(search), {
    nextExpectedRevision: 5,
    position: { commit: 105n, prepare: 95n },
    alreadyAppended: true,
  });
});

decide('only some of them: another append reusing ids, a typed DUPLICATE_EVENT_ID', () => {
  const search = startIdSearch('conversation-42', events);
  const [first] = ids;
  assert.ok(first);
  search.found.set(eventIdKey(first), recorded(first, 0));
  assert.throws(
    () => earlierAppend(search),
    (error: unknown) => isHubError(error, 'DUPLICATE_EVENT_ID') && error.context.streamId === 'conversation-42',
  );
});

decide('ids are matched whatever case they were written in', () => {
  const search = startIdSearch('conversation-42', [
    { ...(events[0] as EventToAppend), id: ids[0]?.toUpperCase() ?? '' },
  ]);
  assert.equal(search.keys.has(ids[0] ?? ''), true);
});

decide.run();
