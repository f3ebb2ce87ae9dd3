import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { suite } from 'uvu';
import { createEsdbEventStore } from './esdb-event-store.ts';

// No server is needed: the real client is pointed at a port nobody listens on, which is how an
// outage looks. Every operation must say "unavailable" (retriable), never "empty" or a raw error.
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

const isUnavailable = (error: unknown) => isHubError(error, 'EVENT_STORE_UNAVAILABLE') && error.retriable;
const event = {
  id: '6f1c1f54-3f0e-4d5e-8a3b-2d1c0b9a8f7e',
  type: 'InteractionRecorded',
  schemaVersion: 1,
  data: { n: 1 },
  occurredAt: new Date('2026-11-01T12:00:00Z'),
};

const outage = suite('KurrentDB event store when the server cannot be reached', { store: {} as EventStore });

outage.before(async (context) => {
  context.store = createEsdbEventStore({ connectionString: `esdb://127.0.0.1:${await closedPort()}?tls=false` });
});
outage.after(async ({ store }) => {
  await store.close();
  await store.close(); // closing twice is allowed
});

outage('appends with any expected revision are refused as unavailable', async ({ store }) => {
  await assert.rejects(store.appendToStream('conversation-1', [event]), isUnavailable);
  await assert.rejects(store.appendToStream('conversation-1', [event], { expectedRevision: 3 }), isUnavailable);
  await assert.rejects(
    store.appendToStream('conversation-1', [event], { expectedRevision: 'no_stream' }),
    isUnavailable,
  );
});

outage('reads are unavailable, not empty', async ({ store }) => {
  await assert.rejects(store.readStream('conversation-1'), isUnavailable);
  await assert.rejects(store.readAll({ maxCount: 10 }), isUnavailable);
});

outage('truncation and deletion are unavailable', async ({ store }) => {
  await assert.rejects(store.truncateStream('conversation-1', 2), isUnavailable);
  await assert.rejects(store.deleteStream('conversation-1'), isUnavailable);
  await assert.rejects(store.deleteStream('conversation-1', { permanent: true }), isUnavailable);
});

outage('health says not ok, with the reason', async ({ store }) => {
  const health = await store.health();
  assert.equal(health.ok, false);
  assert.equal(health.backend, 'esdb');
  assert.match(health.detail ?? '', /UNAVAILABLE/);
});

outage('a subscription reports the outage once through onError and stops cleanly', async ({ store }) => {
  const errors: unknown[] = [];
  let delivered = 0;
  const reported = new Promise<void>((resolve) => {
    store.subscribeToAll({
      from: 'start',
      onEvent: () => {
        delivered++;
      },
      onError: (error) => {
        errors.push(error);
        resolve();
      },
    });
  });
  await reported;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(errors.length, 1);
  assert.ok(isUnavailable(errors[0]));
  assert.equal(delivered, 0);
});

outage('a malformed connection string is a configuration error that does not echo the string', () => {
  const secret = 'http://admin:s3cret@localhost:2113';
  assert.throws(
    () => createEsdbEventStore({ connectionString: secret }),
    (error: unknown) => isHubError(error, 'INVALID_CONFIGURATION') && !error.message.includes('s3cret'),
  );
});

outage.run();
