import { createConnection } from 'node:net';
import { findFreePort, type ProvidedKafka, provideKafka } from '@hub/testing';
import type { ISocketFactory } from 'kafkajs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kafkaHealth } from './kafka.health.ts';
import { type KafkaAdminSession, openKafkaAdminSession } from './kafka-admin.session.ts';

// Against a real broker. The socket factory is kafkajs's own default (a plain TCP connection),
// wrapped only to count the connections the health check opens.
const countingSockets = () => {
  const opened = { count: 0 };
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    opened.count += 1;
    const socket = createConnection({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    return socket;
  };
  return { opened, socketFactory };
};

const health = suite<{ kafka: ProvidedKafka }>('the Kafka readiness check keeps one admin connection');

health.before(async (context) => {
  context.kafka = await provideKafka();
});

health.after(async ({ kafka }) => {
  await kafka.stop();
});

health('twenty checks open the connections of one admin, not one admin each', async ({ kafka }) => {
  const { opened, socketFactory } = countingSockets();
  const session = openKafkaAdminSession(kafka.brokers, { socketFactory });
  const check = kafkaHealth(session, { cacheMs: 0 });
  for (let i = 0; i < 20; i++) {
    const status = await check.check();
    assert.is(status.ok, true, status.detail);
    assert.is(status.kind, 'kafka');
  }
  // A seed connection and one to the broker it names: the same two for every check.
  assert.ok(opened.count <= 2, `${opened.count} connections for 20 checks`);
  await session.close();
});

health('checks within the cache window share one answer', async ({ kafka }) => {
  let asked = 0;
  const session = openKafkaAdminSession(kafka.brokers);
  const counted: KafkaAdminSession = {
    ...session,
    use(work) {
      asked += 1;
      return session.use(work);
    },
  };
  const check = kafkaHealth(counted, { cacheMs: 60_000 });
  const statuses = await Promise.all(Array.from({ length: 5 }, () => check.check()));
  assert.ok(statuses.every((s) => s.ok));
  assert.is(asked, 1);
  await session.close();
});

health('a broker that does not answer is reported down, and the next check tries again', async () => {
  const port = await findFreePort();
  const { opened, socketFactory } = countingSockets();
  const session = openKafkaAdminSession([`127.0.0.1:${port}`], { socketFactory });
  const check = kafkaHealth(session, { cacheMs: 0 });
  const first = await check.check();
  assert.is(first.ok, false);
  assert.is(first.kind, 'kafka');
  const before = opened.count;
  assert.is((await check.check()).ok, false);
  assert.ok(opened.count > before, 'a failed connection is not kept: the next check connects again');
  await session.close();
});

health.run();
