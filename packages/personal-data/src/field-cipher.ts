import { createCipheriv, createDecipheriv } from 'node:crypto';
import { freshIv } from './iv-pool.ts';

// AES-256-GCM, one fresh 96-bit IV per value. A sealed value is a string, so it fits in any JSON
// field it replaces: `pd1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts).
const PREFIX = 'pd1';

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(`${PREFIX}:`);

export function seal(plaintext: unknown, keyId: string, key: Buffer): string {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId));
  const body = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final()]);
  const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
  return [PREFIX, keyId, ...parts].join(':');
}

export function keyIdOf(sealed: string): string {
  return sealed.split(':')[1] ?? '';
}

/** Throws when the value was tampered with or sealed under another key. */
export function unseal(sealed: string, key: Buffer): unknown {
  const [, keyId = '', iv = '', body = '', tag = ''] = sealed.split(':');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  return JSON.parse(text);
}
