import { createHmac, timingSafeEqual } from 'node:crypto';
import { HubError } from '@hub/errors';

// A CSAT link names the conversation and when the link expires, signed with a key derived from
// the hub's master key: `<conversationId>.<expiry, unix seconds>.<HMAC-SHA256, base64url>`. Nothing
// is stored per link; a tampered id or expiry fails the signature, compared in constant time.

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const signatureOf = (key: Buffer, conversationId: string, expires: number) =>
  createHmac('sha256', key).update(`csat:${conversationId}.${expires}`).digest();

export function signCsatToken(key: Buffer, conversationId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${conversationId}.${expires}.${signatureOf(key, conversationId, expires).toString('base64url')}`;
}

/**
 * The conversation a rating link is for: INVALID_SIGNATURE (401) for a malformed or tampered
 * token, LINK_EXPIRED (410) for a genuine one past its expiry.
 */
export function verifyCsatToken(key: Buffer, token: string, now: Date): { conversationId: string; expiresAt: Date } {
  const match = TOKEN.exec(token);
  const given = match ? Buffer.from(match[3] ?? '', 'base64url') : Buffer.alloc(0);
  const conversationId = match?.[1] ?? '';
  const expires = Number(match?.[2] ?? 0);
  const expected = signatureOf(key, conversationId, expires);
  // Only the canonical encoding: the unused low bits of the last character must be zero.
  const canonical = match !== null && given.toString('base64url') === match[3];
  if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HubError('INVALID_SIGNATURE', 'this rating link is not one the hub gave out');
  }
  const expiresAt = new Date(expires * 1000);
  if (expiresAt <= now) throw new HubError('LINK_EXPIRED', 'this rating link has expired', { expiresAt });
  return { conversationId, expiresAt };
}
