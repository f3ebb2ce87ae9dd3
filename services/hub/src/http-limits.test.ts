import type { AddressInfo } from 'node:net';
import { silentLogger } from '@hub/logger';
import { rawHttpExchange } from '@hub/testing';
import type { FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildApp } from './app.ts';
import { defaultHttpLimits, type HttpLimits } from './http-limits.ts';

const build = (limits: Partial<HttpLimits>) =>
  buildApp({
    logger: silentLogger(),
    dependencies: [],
    healthRateLimitPerMinute: 1000,
    http: { ...defaultHttpLimits, ...limits },
  });

async function listening(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

const slow = suite('a slow client is cut off after the timeout, not held forever');

slow('headers a line every 500 ms: the connection is closed at the 1 s headers timeout', async () => {
  const app = await build({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
  try {
    const lines = ['GET /health HTTP/1.1\r\n', ...Array.from({ length: 20 }, (_, n) => `X-Slow-${n}: a\r\n`), '\r\n'];
    const exchange = await rawHttpExchange({
      port: await listening(app),
      pieces: lines,
      intervalMs: 500,
      timeoutMs: 8000,
    });
    assert.match(exchange.response, /^HTTP\/1\.1 408 /, `no timeout after ${exchange.ms} ms`);
    assert.match(exchange.response, /content-type: application\/problem\+json/i);
    assert.match(exchange.response, /"code":"REQUEST_TIMEOUT"/);
    assert.ok(exchange.piecesWritten < lines.length, `${exchange.piecesWritten} of ${lines.length} lines written`);
  } finally {
    await app.close();
  }
});

slow(
  'a body a byte every 500 ms: the connection is closed at the 2 s request timeout, the handler never runs',
  async () => {
    const app = await build({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    let handled = 0;
    app.post('/v1/slow', async () => {
      handled += 1;
      return { ok: true };
    });
    try {
      const head =
        'POST /v1/slow HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n';
      const pieces = [head, ...'{"text":"0123456789"}'.slice(0, 20).split('')];
      const exchange = await rawHttpExchange({
        port: await listening(app),
        pieces,
        intervalMs: 500,
        timeoutMs: 12_000,
      });
      assert.match(exchange.response, /^HTTP\/1\.1 408 /, `no timeout after ${exchange.ms} ms`);
      assert.match(exchange.response, /content-type: application\/problem\+json/i);
      assert.match(exchange.response, /"code":"REQUEST_TIMEOUT"/);
      assert.ok(exchange.piecesWritten < pieces.length, `${exchange.piecesWritten} of ${pieces.length} pieces written`);
      assert.is(handled, 0);
    } finally {
      await app.close();
    }
  },
);

slow.run();

const pressure = suite('a saturated process sheds load with 503 and Retry-After');

const blockEventLoop = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // A CPU-bound stretch: what a saturated process looks like to the event-loop monitor.
  }
};

pressure(
  'event loop blocked past the limit: 503 OVERLOADED problem+json with Retry-After; /health/live still 200',
  async () => {
    const app = await build({ maxEventLoopDelayMs: 100, pressureSampleIntervalMs: 500 });
    await app.ready();
    try {
      const calm = await app.inject({ method: 'GET', url: '/health' });
      assert.is(calm.statusCode, 200, 'not under pressure yet');
      blockEventLoop(1500);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const shed = await app.inject({ method: 'GET', url: '/health' });
      const live = await app.inject({ method: 'GET', url: '/health/live' });
      assert.is(shed.statusCode, 503, shed.body);
      assert.is(shed.headers['retry-after'], '10');
      assert.match(String(shed.headers['content-type']), 'application/problem+json');
      assert.is(shed.json().code, 'OVERLOADED');
      assert.is(live.statusCode, 200, live.body);
    } finally {
      await app.close();
    }
  },
);

pressure.run();
