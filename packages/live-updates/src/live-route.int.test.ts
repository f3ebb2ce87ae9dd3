import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import { customerStream, encodeEvent, type GlobalPosition } from '@hub/events';
import { useProblemDetails } from '@hub/http';
import { waitFor } from '@hub/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLiveFeed, type LiveFeed, type LiveNotification } from './live-feed.ts';
import { registerLiveRoute } from './sse.route.ts';

interface Frame {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: LiveNotification | undefined;
}

/** A real HTTP client reading the event stream as a browser's EventSource would. */
function openStream(url: string, headers: Record<string, string> = {}) {
  const frames: Frame[] = [];
  let response: IncomingMessage | undefined;
  const opened = new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      response = res;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          const data = field('data');
          if (field('event'))
            frames.push({ id: field('id'), event: field('event'), data: data ? JSON.parse(data) : undefined });
        }
      });
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
  return {
    frames,
    opened,
    close: () => response?.destroy(),
    received: (count: number, what: string) =>
      waitFor(async () => (frames.length >= count ? frames.slice(0, count) : undefined), {
        timeoutMs: 5_000,
        intervalMs: 10,
        what,
      }),
  };
}

interface Context {
  store: EventStore;
  feed: LiveFeed;
  app: FastifyInstance;
  base: string;
  /** How far "the read models" are: the test moves it by hand. */
  visible: { position: GlobalPosition | undefined };
}

const customers = [randomUUID(), randomUUID()];
const register = (store: EventStore, customerId: string, name: string) =>
  store.appendToStream(customerStream(customerId), [
    encodeEvent(
      { type: 'CustomerRegistered', data: { customerId, displayName: name, firstChannel: 'email' } },
      { id: randomUUID(), occurredAt: new Date() },
    ),
  ]);

const live = suite<Context>('live updates over server-sent events');
live.before.each(async (context) => {
  context.store = createInMemoryEventStore();
  context.visible = { position: undefined };
  context.feed = createLiveFeed({
    store: context.store,
    visibleUpTo: async () => context.visible.position,
    describe: (event) => (event.streamId.startsWith('customer-') ? { customerId: event.streamId.slice(9) } : undefined),
    pollMs: 10,
    resumeLimit: 3,
  });
  context.app = Fastify();
  useProblemDetails(context.app);
  registerLiveRoute(context.app, {
    feed: context.feed,
    // The user of this test may see every customer but the second.
    audience: async () => (notification) => notification.about.customerId !== customers[1],
  });
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  context.base = `http://127.0.0.1:${(context.app.server.address() as AddressInfo).port}`;
});
live.after.each(async ({ app, feed }) => {
  await app.close();
  await feed.close();
});

live('an append is announced once the read models show it, not before', async ({ store, base, visible }) => {
  const stream = openStream(`${base}/v1/live`);
  const response = await stream.opened;
  assert.match(String(response.headers['content-type']), 'text/event-stream');
  const appended = await register(store, customers[0] as string, 'Sara');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(stream.frames, [], 'nothing is announced before the read models show it');
  visible.position = appended.position;
  const [frame] = await stream.received(1, 'the announcement');
  assert.is(frame?.event, 'CustomerRegistered');
  assert.is(frame?.data?.about.customerId, customers[0]);
  assert.not.match(JSON.stringify(frame), 'Sara', 'notifications carry no personal data');
  stream.close();
});

live('a notification the user may not see is never sent', async ({ store, base, visible }) => {
  const stream = openStream(`${base}/v1/live`);
  await stream.opened;
  await register(store, customers[1] as string, 'hidden');
  visible.position = (await register(store, customers[0] as string, 'shown')).position;
  const frames = await stream.received(1, 'the visible announcement');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(
    stream.frames.map((f) => f.data?.about.customerId),
    [customers[0]],
  );
  assert.is(frames.length, 1);
  stream.close();
});

live(
  'a client resuming with Last-Event-ID gets what it missed, in order, then live events, none twice',
  async ({ store, base, visible }) => {
    const first = openStream(`${base}/v1/live`);
    await first.opened;
    visible.position = (await register(store, customers[0] as string, 'a')).position;
    const [seen] = await first.received(1, 'the first announcement');
    first.close();
    // While disconnected: two more events.
    const missed = [
      await register(store, customers[0] as string, 'b'),
      await register(store, customers[0] as string, 'c'),
    ];
    visible.position = missed[1]?.position;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const resumed = openStream(`${base}/v1/live`, { 'last-event-id': seen?.id as string });
    await resumed.opened;
    await resumed.received(2, 'the missed announcements');
    visible.position = (await register(store, customers[0] as string, 'd')).position;
    const frames = await resumed.received(3, 'the live announcement after the missed ones');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ids = resumed.frames.map((f) => f.id);
    assert.is(ids.length, 3, `no repeats: ${ids}`);
    assert.equal(
      frames.slice(0, 2).map((f) => f.id),
      missed.map((m) => `${m.position.commit}/${m.position.prepare}`),
    );
    resumed.close();
  },
);

live('a client that missed more than a resume replays is told to reload', async ({ store, base, visible }) => {
  let last: GlobalPosition | undefined;
  for (let i = 0; i < 5; i++) last = (await register(store, customers[0] as string, `n${i}`)).position;
  visible.position = last;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stream = openStream(`${base}/v1/live`, { 'last-event-id': '0/0' });
  await stream.opened;
  const frames = await waitFor(
    async () => (stream.frames.some((f) => f.event === 'reset') ? stream.frames : undefined),
    {
      timeoutMs: 5_000,
      what: 'a reset',
    },
  );
  assert.is(frames.at(-1)?.event, 'reset');
});

live('a Last-Event-ID that is not one of ours answers 400 problem+json', async ({ app }) => {
  const response = await app.inject({ url: '/v1/live', headers: { 'last-event-id': 'yesterday' } });
  assert.is(response.statusCode, 400);
  assert.match(String(response.headers['content-type']), 'application/problem+json');
});

live(
  'an event visible at once (a reply’s delivery) is announced without waiting for the read models, never ahead of those before it',
  async () => {
    const store = createInMemoryEventStore();
    const visible: { position: GlobalPosition | undefined } = { position: undefined };
    const feed = createLiveFeed({
      store,
      visibleUpTo: async () => visible.position,
      // Looked up, as the hub looks up a reply's conversation.
      describe: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { customerId: event.streamId.slice(9) };
      },
      visibleAtOnce: (event) => event.streamId === `customer-${customers[1]}`,
      pollMs: 10,
    });
    const app = Fastify();
    useProblemDetails(app);
    // The audience answers later for the first customer: frames still keep the store's order.
    registerLiveRoute(app, {
      feed,
      audience: async () => async (notification) => {
        if (notification.about.customerId === customers[0]) await new Promise((resolve) => setTimeout(resolve, 30));
        return true;
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const stream = openStream(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/live`);
      await stream.opened;
      const atOnce = await register(store, customers[1] as string, 'delivered');
      const [first] = await stream.received(1, 'the event visible at once');
      assert.is(first?.id, `${atOnce.position.commit}/${atOnce.position.prepare}`);

      const waiting = await register(store, customers[0] as string, 'waits');
      await register(store, customers[1] as string, 'behind it');
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.is(stream.frames.length, 1, 'an event visible at once waits for the hidden one before it');
      visible.position = waiting.position;
      const frames = await stream.received(3, 'both, in order');
      assert.equal(
        frames.map((f) => f.data?.about.customerId),
        [customers[1], customers[0], customers[1]],
      );
      stream.close();
    } finally {
      await app.close();
      await feed.close();
    }
  },
);

live.run();
