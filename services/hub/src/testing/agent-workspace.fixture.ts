import * as assert from 'uvu/assert';
import type { ComposedHub } from '../compose-hub.ts';

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
