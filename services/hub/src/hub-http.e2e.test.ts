import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@hub/logger';
import { rawHttpExchange } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

const CHANNEL = 'channel-token-for-tests-0123';
const AGENT = 'agent-token-for-tests-456789';
const VERIFY = 'meta-verify-token-never-logged';

interface Context {
  hub: ComposedHub;
  dir: string;
  port: number;
  lines: string[];
}

const http = suite<Context>('the embedded hub over HTTP: tokens before bodies, logs without personal data');

http.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'hub-http-'));
  context.lines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      context.lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    HUB_DATA_DIR: context.dir,
    HUB_CHANNEL_TOKEN: CHANNEL,
    HUB_AGENT_TOKEN: AGENT,
    HUB_MASTER_KEY: randomBytes(32).toString('base64'),
    META_APP_SECRET: 'meta-app-secret-for-tests',
    META_VERIFY_TOKEN: VERIFY,
  });
  context.hub = await composeHub(config, createLogger({ service: 'hub-test', level: 'info', destination: sink }));
  await context.hub.app.listen({ port: 0, host: '127.0.0.1' });
  context.port = (context.hub.app.server.address() as AddressInfo).port;
});
http.after(async ({ hub, dir }) => {
  await hub.stop();
  await rm(dir, { recursive: true, force: true });
});

for (const [name, path] of [
  ['the agent API', '/v1/customers/6f1d8c0e-2b7a-4c55-9d1e-0a4b5c6d7e8f/merges'],
  ['parse failures', `/v1/parse-failures/${'0'.repeat(64)}/rerun`],
] as const) {
  http(`${name}: a 900 KB body announced with a wrong token is refused 401 after 1 KB`, async ({ port }) => {
    const exchange = await rawHttpExchange({
      port,
      pieces: [
        `POST ${path} HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer wrong-token\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${900 * 1024}\r\n\r\n`,
        `{"mergedId":"${'x'.repeat(1024)}`,
      ],
      intervalMs: 50,
      timeoutMs: 3000,
    });
    assert.match(
      exchange.response,
      /^HTTP\/1\.1 401 /,
      `answered: ${exchange.response.slice(0, 100) || 'nothing in 3 s'}`,
    );
    assert.match(exchange.response, /application\/problem\+json/);
  });
}

http(
  'a lookup by email, a search and a Meta handshake leave no email, query or verify token in the log',
  async ({ hub, lines }) => {
    const agent = { authorization: `Bearer ${AGENT}` };
    const secrets = ['sara.rezaei@example.ir', 'sara.rezaei%40example.ir', 'Rezaei-Farahani', VERIFY, '1158201444'];
    const asked = [
      { url: '/v1/customers/lookup?email=sara.rezaei%40example.ir', headers: agent },
      { url: '/v1/customers?q=Rezaei-Farahani', headers: agent },
      {
        url: `/v1/channels/social/meta?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
        headers: {},
      },
    ];
    for (const { url, headers } of asked) await hub.app.inject({ method: 'GET', url, headers });
    const requestLines = lines.filter((line) => line.includes('"incoming request"'));
    assert.ok(requestLines.length >= 3, `request lines: ${requestLines.length}`);
    const log = lines.join('\n');
    for (const secret of secrets) assert.not.ok(log.includes(secret), `${secret} in the log`);
    assert.match(log, /"url":"\/v1\/customers\/lookup\?email=\[redacted\]"/);
    assert.match(log, /"route":"\/v1\/customers\/lookup"/);
    assert.match(log, /hub\.verify_token=\[redacted\]/);
  },
);

http.run();
