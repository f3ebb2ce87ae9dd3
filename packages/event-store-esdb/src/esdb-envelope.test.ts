import assert from 'node:assert/strict';
import type { EventToAppend } from '@hub/events';
import { suite } from 'uvu';
import { type EsdbRecord, eventIdKey, fromEsdbRecord, isSystemRecord, toEsdbEvent } from './esdb-envelope.ts';

const event: EventToAppend = {
  id: '0b6a2c1e-8f3d-4c52-9a7e-1d2f3a4b5c6d',
  type: 'InteractionRecorded',
  schemaVersion: 3,
  data: { text: 'سلام، سفارش ۱۲۳۴ کجاست؟ — 你好 — 👩🏽‍💻', n: 7, tags: ['a', 'b'] },
  occurredAt: new Date('2026-11-01T12:00:05.123Z'),
  causationId: 'cause-1',
  correlationId: 'corr-1',
  // Keys that would collide with envelope fields if the user's metadata were not nested.
  metadata: { channel: 'email', schemaVersion: 99, occurredAt: 'not a date', hubEnvelope: 2 },
};

/** What the server hands back: the client JSON-encodes on append and JSON-parses on read. */
const throughTheWire = (appended: EventToAppend, overrides: Partial<EsdbRecord> = {}): EsdbRecord => {
  const written = toEsdbEvent(appended);
  return {
    streamId: 'conversation-42',
    id: written.id,
    revision: 3n,
    type: written.type,
    data: JSON.parse(JSON.stringify(written.data)),
    metadata: JSON.parse(JSON.stringify(written.metadata)),
    created: new Date('2026-11-01T12:00:06.000Z'),
    position: { commit: 1200n, prepare: 1150n },
    ...overrides,
  };
};

const toEsdb = suite('envelope mapping: hub event to ESDB event');

toEsdb('keeps id and type, writes JSON, puts the envelope in the metadata with user metadata nested', () => {
  const written = toEsdbEvent(event);
  assert.equal(written.id, event.id);
  assert.equal(written.type, 'InteractionRecorded');
  assert.equal(written.contentType, 'application/json');
  assert.deepEqual(written.data, event.data);
  assert.deepEqual(written.metadata, {
    hubEnvelope: 1,
    schemaVersion: 3,
    occurredAt: '2026-11-01T12:00:05.123Z',
    causationId: 'cause-1',
    correlationId: 'corr-1',
    userMetadata: event.metadata,
    $correlationId: 'corr-1',
    $causationId: 'cause-1',
  });
});

toEsdb('absent causation and correlation are stored as null, without the ESDB-named copies', () => {
  const written = toEsdbEvent({ ...event, causationId: undefined, correlationId: null, metadata: undefined });
  assert.deepEqual(written.metadata, {
    hubEnvelope: 1,
    schemaVersion: 3,
    occurredAt: '2026-11-01T12:00:05.123Z',
    causationId: null,
    correlationId: null,
    userMetadata: {},
  });
});

toEsdb.run();

const fromEsdb = suite('envelope mapping: ESDB record back to the hub envelope');

fromEsdb('a hub event round-trips exactly; recordedAt is the server time, revision a number', () => {
  assert.deepEqual(fromEsdbRecord(throughTheWire(event)), {
    id: event.id,
    type: event.type,
    schemaVersion: 3,
    data: event.data,
    streamId: 'conversation-42',
    revision: 3,
    position: { commit: 1200n, prepare: 1150n },
    occurredAt: event.occurredAt,
    recordedAt: new Date('2026-11-01T12:00:06.000Z'),
    causationId: 'cause-1',
    correlationId: 'corr-1',
    metadata: event.metadata,
  });
});

fromEsdb('without a per-event position (servers before 22.6) the commit position stands for both', () => {
  const recorded = fromEsdbRecord(throughTheWire(event, { position: undefined }), 1300n);
  assert.deepEqual(recorded.position, { commit: 1300n, prepare: 1300n });
});

fromEsdb('an event another writer stored keeps its metadata and is dated by the server', () => {
  const created = new Date('2026-01-02T03:04:05.006Z');
  const foreign = fromEsdbRecord({ ...throughTheWire(event), metadata: { source: 'legacy' }, created });
  assert.equal(foreign.schemaVersion, 1);
  assert.deepEqual(foreign.occurredAt, created);
  assert.equal(foreign.causationId, null);
  assert.deepEqual(foreign.metadata, { source: 'legacy' });
  const binary = fromEsdbRecord({ ...throughTheWire(event), metadata: new Uint8Array([1, 2]) });
  assert.deepEqual(binary.metadata, {});
  assert.deepEqual(fromEsdbRecord({ ...throughTheWire(event), metadata: undefined }).metadata, {});
});

fromEsdb('system streams and $-types are bookkeeping, not hub events', () => {
  assert.equal(isSystemRecord({ streamId: '$$conversation-42', type: '$metadata' }), true);
  assert.equal(isSystemRecord({ streamId: '$stats-127.0.0.1:2113', type: 'StatsCollected' }), true);
  assert.equal(isSystemRecord({ streamId: 'conversation-42', type: '$streamDeleted' }), true);
  assert.equal(isSystemRecord({ streamId: 'conversation-42', type: 'InteractionRecorded' }), false);
});

fromEsdb('event ids compare in one spelling whatever case the server uses', () => {
  assert.equal(eventIdKey('0B6A2C1E-8F3D-4C52-9A7E-1D2F3A4B5C6D'), eventIdKey(event.id));
});

fromEsdb.run();
