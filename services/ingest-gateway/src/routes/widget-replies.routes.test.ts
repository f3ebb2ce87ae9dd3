import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildTestGateway } from '../testing/test-gateway.ts';
import { connectVisitor } from '../widget/widget.test-client.ts';
import { createWidgetConnections, type WidgetReplies, type WidgetReply } from '../widget/widget-replies.ts';
import { registerWidgetRoutes, WIDGET_SOCKET_PATH } from './widget.routes.ts';

const SHOP = 'https://shop.example';
const VISITOR = '6b1f3c1e-8a7d-4c5e-9f00-1234567890ab';
const running: FastifyInstance[] = [];

/** Replies held in memory as the SQL table holds them: taken once, given back when a write fails. */
function heldReplies(held: WidgetReply[]): WidgetReplies {
  return {
    connections: createWidgetConnections(),
    async release(visitorId, deliver) {
      const mine = held.splice(0);
      for (const reply of mine) await deliver(reply);
      return visitorId === VISITOR ? mine.length : 0;
    },
  };
}

async function listen(replies: WidgetReplies) {
  const gateway = await buildTestGateway({}, (app, deps) =>
    registerWidgetRoutes(app, { ...deps, widgetReplies: replies }, { allowedOrigins: [SHOP] }),
  );
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  running.push(gateway.app);
  const { port } = gateway.app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}${WIDGET_SOCKET_PATH}`;
}

test.after.each(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});

test('a reply held while the visitor was away is shown when they reconnect, after the welcome', async () => {
  const held = [{ replyId: 'r-1', text: 'Your parcel left this morning.', heldAt: '2026-12-05T10:00:00.000Z' }];
  const url = await listen(heldReplies(held));
  const visitor = await connectVisitor(url, { origin: SHOP });
  visitor.send({ v: 1, type: 'hello', visitorId: VISITOR });
  assert.is((await visitor.next()).type, 'welcome');
  assert.equal(await visitor.next(), {
    v: 1,
    type: 'reply',
    replyId: 'r-1',
    text: 'Your parcel left this morning.',
    agentName: null,
    sentAt: '2026-12-05T10:00:00.000Z',
  });
  assert.is(held.length, 0);
  await visitor.close();
});

test('a reply to a connected visitor is pushed at once; after they leave it is not', async () => {
  const replies = heldReplies([]);
  const url = await listen(replies);
  const visitor = await connectVisitor(url, { origin: SHOP });
  visitor.send({ v: 1, type: 'hello', visitorId: VISITOR });
  assert.is((await visitor.next()).type, 'welcome');
  const reply = { replyId: 'r-2', text: 'Refund approved.', heldAt: '2026-12-05T11:00:00.000Z' };
  assert.ok(await replies.connections.push(VISITOR, reply));
  assert.is((await visitor.next()).replyId, 'r-2');
  await visitor.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.is(await replies.connections.push(VISITOR, reply), false, 'a reply was pushed to a closed chat');
});

test.run();
