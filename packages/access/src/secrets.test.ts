import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultScryptCost, hashPassword, tokenDigest, verifyPassword } from './secrets.ts';

test('a password verifies against its hash, a wrong one does not; the hash carries its parameters and salt', async () => {
  const hash = await hashPassword('correct horse battery staple');
  assert.match(hash, /^scrypt\$N=32768,r=8,p=1\$/);
  assert.ok(await verifyPassword('correct horse battery staple', hash));
  assert.not.ok(await verifyPassword('correct horse battery stapler', hash));
  assert.is.not(await hashPassword('correct horse battery staple'), hash, 'a fresh salt each time');
  assert.is(defaultScryptCost.N, 2 ** 15);
});

test('a hash made with other parameters still verifies (costs can be raised later)', async () => {
  const cheap = await hashPassword('s3cret-pass', { N: 2 ** 10, r: 8, p: 1 });
  assert.ok(await verifyPassword('s3cret-pass', cheap));
});

test('a damaged stored hash verifies nothing', async () => {
  assert.not.ok(await verifyPassword('anything', 'plain-text-password'));
});

test('a token is stored as its SHA-256', () => {
  assert.is(tokenDigest('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test.run();
