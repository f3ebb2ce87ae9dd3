import { randomBytes } from 'node:crypto';
import { isHubError } from '@hub/errors';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signCsatToken, verifyCsatToken } from './csat-token.ts';

const key = randomBytes(32);
const conversationId = '5b1f0c7e-8a4d-4c1e-9f3a-2d6b7e8f9a0b';
const now = new Date('2026-12-05T09:00:00Z');
const expiresAt = new Date('2026-12-19T09:00:00Z');

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return isHubError(error) ? error.code : 'thrown';
  }
};

test('a link the hub signed names its conversation until it expires', () => {
  const token = signCsatToken(key, conversationId, expiresAt);
  assert.equal(verifyCsatToken(key, token, now), { conversationId, expiresAt });
  assert.is(
    codeOf(() => verifyCsatToken(key, token, expiresAt)),
    'LINK_EXPIRED',
  );
});

test('another conversation id, a later expiry, another key or garbage fail the signature', () => {
  const token = signCsatToken(key, conversationId, expiresAt);
  const [, expires, signature] = token.split('.');
  for (const forged of [
    `5b1f0c7e-8a4d-4c1e-9f3a-2d6b7e8f9a0c.${expires}.${signature}`,
    `${conversationId}.${Number(expires) + 86_400}.${signature}`,
    signCsatToken(randomBytes(32), conversationId, expiresAt),
    `${token.slice(0, -10)}${token.at(-10) === 'A' ? 'B' : 'A'}${token.slice(-9)}`,
    `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    'not-a-token',
    '',
  ]) {
    assert.is(
      codeOf(() => verifyCsatToken(key, forged, now)),
      'INVALID_SIGNATURE',
      forged,
    );
  }
});

test.run();
