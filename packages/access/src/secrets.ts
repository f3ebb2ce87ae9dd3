import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** What a session or API token is stored as: its SHA-256, so a copy of the table signs in nobody. */
export const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A bearer secret with a prefix that says what it is (`hub_s_` session, `hub_t_` API token). */
export const newToken = (prefix: 'hub_s_' | 'hub_t_'): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^15, 8, 1: OWASP's floor for scrypt (about 60 ms and 32 MiB a hash here). */
export const defaultScryptCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, cost: ScryptCost, length: number) =>
  new Promise<Buffer>((resolve, reject) => {
    const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/**
 * `scrypt$N=32768,r=8,p=1$<salt>$<hash>` (base64url): the parameters travel with the hash, so the
 * cost can be raised later and old hashes still verify.
 */
export async function hashPassword(password: string, cost: ScryptCost = defaultScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, KEY_LENGTH);
  return `scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Compares in constant time; a malformed stored hash verifies nothing. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(encoded);
  if (!match) return false;
  const [, n, r, p, salt = '', hash = ''] = match;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

/** Verified against when the email is unknown, so that answer takes as long as a wrong password. */
export const decoyHash = (cost: ScryptCost = defaultScryptCost): Promise<string> =>
  hashPassword(randomBytes(16).toString('hex'), cost);
