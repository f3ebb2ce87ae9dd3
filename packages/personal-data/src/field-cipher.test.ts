import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seal, unseal } from './field-cipher.ts';

const cipher = suite('sealing one personal field');
const key = randomBytes(32);

cipher('the same value sealed 2,000 times (the IV pool refilled several times) never repeats an IV', () => {
  const sealed = Array.from({ length: 2000 }, () => seal('sara@example.ir', 'customer-1', key));
  const ivs = new Set(sealed.map((s) => s.split(':')[2]));
  assert.is(ivs.size, sealed.length);
  for (const s of sealed) assert.is(unseal(s, key), 'sara@example.ir');
});

cipher('a value opened with another key, or with its text altered, is refused', () => {
  const sealed = seal({ text: 'سلام' }, 'customer-1', key);
  assert.equal(unseal(sealed, key), { text: 'سلام' });
  assert.throws(() => unseal(sealed, randomBytes(32)));
  const parts = sealed.split(':');
  const body = Buffer.from(parts[3] ?? '', 'base64url');
  body[0] = (body[0] ?? 0) ^ 1;
  parts[3] = body.toString('base64url');
  assert.throws(() => unseal(parts.join(':'), key));
});

cipher.run();
