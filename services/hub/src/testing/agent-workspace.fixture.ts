import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWidgetIdentity } from '@hub/ingest-gateway';
import { silentLogger } from '@hub/logger';
import { waitFor } from '@hub/testing';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { type ComposedHub, composeHub } from '../compose-hub.ts';
import { loadConfig } from '../config.ts';

/** The channel token the agent-workspace tests configure their hub with. */
export const CHANNEL_TOKEN = 'channel-token-for-tests-0123';

/**
 * A plain-text email from Sara to the shop, as her mail client sends it; a reply carries
 * In-Reply-To and References (angle brackets included, as in the headers).
 */
export const customerMail = (
  messageId: string,
  subject: string,
  body: string,
  reply?: { readonly inReplyTo: string; readonly references: string },
) =>
  [
    'From: Sara Rezaei <sara@example.ir>',
    'To: support@shop.example',
    `Subject: ${subject}`,
    `Message-ID: <${messageId}>`,
    ...(reply ? [`In-Reply-To: ${reply.inReplyTo}`, `References: ${reply.references}`] : []),
    'Date: Sat, 05 Dec 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');

/** Delivers a raw message through the email intake, as an MTA would; it must be accepted. */
export async function postEmail(hub: ComposedHub, message: string): Promise<void> {
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/channels/email',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'message/rfc822' },
    payload: message,
  });
  assert.is(response.statusCode, 202, response.body);
}

/** Signs in through the API; the session token and who it is. */
export async function signIn(hub: ComposedHub, email: string, password: string) {
  const response = await hub.app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email, password } });
  assert.is(response.statusCode, 200, response.body);
  const body = response.json() as { token: string; user: { userId: string } };
  return { token: body.token, userId: body.user.userId };
}

/** The password of every colleague `createColleagues` makes. */
export const COLLEAGUE_PASSWORD = 'a-long-password-123';

/**
 * The shop's team as an admin creates it through the API: Maryam and Reza (agents), Sima
 * (supervisor) and Nika (analyst), each signed in. The admin's session token makes them.
 */
export async function createColleagues(hub: ComposedHub, adminToken: string) {
  const team = [
    ['maryam', 'agent'],
    ['reza', 'agent'],
    ['sima', 'supervisor'],
    ['nika', 'analyst'],
  ] as const;
  for (const [name, role] of team) {
    const created = await hub.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { email: `${name}@shop.example`, displayName: name, role, password: COLLEAGUE_PASSWORD },
    });
    assert.is(created.statusCode, 201, created.body);
  }
  const session = (name: string) => signIn(hub, `${name}@shop.example`, COLLEAGUE_PASSWORD);
  return {
    maryam: await session('maryam'),
    reza: await session('reza'),
    sima: await session('sima'),
    nika: await session('nika'),
  };
}

/** A live frame as a subscriber received it: its event name, its `about` and when it came. */
export interface LiveFrame {
  readonly at: number;
  readonly event: string;
  readonly about: Record<string, string>;
}

/**
 * A browser's EventSource, as a plain HTTP client on `GET /v1/live` of a listening hub (`base`):
 * the frames it has received so far, and `close`. The subscription must be accepted (200).
 */
export async function openLive(base: string, token: string) {
  const frames: LiveFrame[] = [];
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(`${base}/v1/live`, { headers: { authorization: `Bearer ${token}` } }, resolve);
    req.on('error', reject);
    req.end();
  });
  assert.is(response.statusCode, 200);
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) frames.push({ at: Date.now(), event, about: JSON.parse(data).about });
    }
  });
  return { frames, close: () => response.destroy() };
}

/** The first admin of every hub `startWorkspaceHub` starts. */
export const FIRST_ADMIN = { email: 'admin@shop.example', password: 'admin-password-for-tests-1' } as const;

/**
 * A hub on the embedded default in a fresh data directory (`hub-<name>-...` in the temp folder),
 * with the tests' channel token, a new master key and `FIRST_ADMIN`, signed in; `env` adds to or
 * overrides that configuration. The caller stops the hub and removes `dataDir`.
 */
export async function startWorkspaceHub(name: string, env: Readonly<Record<string, string>> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), `hub-${name}-`));
  const hub = await composeHub(
    loadConfig({
      HUB_DATA_DIR: dataDir,
      HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_ADMIN_EMAIL: FIRST_ADMIN.email,
      HUB_ADMIN_PASSWORD: FIRST_ADMIN.password,
      ...env,
    }),
    silentLogger(),
  );
  const admin = (await signIn(hub, FIRST_ADMIN.email, FIRST_ADMIN.password)).token;
  return { hub, dataDir, admin };
}

/** The shop's website, whose chat widget the tests' hubs accept (`websiteChatEnv`). */
export const WEBSITE = { origin: 'https://shop.example', identitySecret: 'widget-identity-secret-for-tests' } as const;
/** The hub's configuration for the website's widget: its origin and identity secret. */
export const websiteChatEnv = {
  HUB_WIDGET_ORIGINS: WEBSITE.origin,
  HUB_WIDGET_IDENTITY_SECRET: WEBSITE.identitySecret,
} as const;

/**
 * A signed-in visitor of the shop's website (`WEBSITE` unless named) writes in the chat widget (its WebSocket, as the
 * widget's script speaks it): the page vouches for the visitor's email and phone with the identity
 * secret. Resolves once the hub acknowledged the message, and the visitor leaves the page.
 */
export async function chatOnWebsite(
  base: string,
  chat: {
    origin?: string;
    identitySecret?: string;
    visitor: { email: string; phone?: string; name: string };
    text: string;
    visitorId?: string;
  },
) {
  const origin = chat.origin ?? WEBSITE.origin;
  const socket = new WebSocket(`${base.replace('http', 'ws')}/v1/channels/chat/widget`, {
    headers: { origin },
  });
  const frames: Record<string, unknown>[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const frame = (type: string, clientMessageId?: string) =>
    waitFor(async () => frames.find((f) => f.type === type && f.clientMessageId === clientMessageId), {
      timeoutMs: 20_000,
      what: `the widget's ${type} frame ${clientMessageId ?? ''}`,
    });
  try {
    socket.send(
      JSON.stringify({
        v: 1,
        type: 'hello',
        visitorId: chat.visitorId ?? randomUUID(),
        pageUrl: `${origin}/orders`,
      }),
    );
    await frame('welcome');
    const identity = { email: chat.visitor.email, ...(chat.visitor.phone ? { phone: chat.visitor.phone } : {}) };
    socket.send(
      JSON.stringify({
        v: 1,
        type: 'identify',
        clientMessageId: 'identify-1',
        ...identity,
        name: chat.visitor.name,
        identityHash: signWidgetIdentity(chat.identitySecret ?? WEBSITE.identitySecret, identity),
      }),
    );
    await frame('ack', 'identify-1');
    socket.send(JSON.stringify({ v: 1, type: 'message', clientMessageId: 'chat-1', text: chat.text }));
    await frame('ack', 'chat-1');
  } finally {
    socket.close();
  }
}
