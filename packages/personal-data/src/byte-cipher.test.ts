import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isSealedBytes, sealBytes, unsealBytes } from './byte-cipher.ts';
import { seal } from './field-cipher.ts';

const bytes = suite('sealing bytes as bytes');
const key = randomBytes(32);

bytes('a raw payload comes back byte for byte, and the sealed form is not larger than it by more than 44 bytes', () => {
  const payload = Buffer.concat([Buffer.from('Subject: =?UTF-8?B?2LPZhNin2YU=?=\r\n\r\n'), randomBytes(4096)]);
  const sealed = sealBytes(payload, 'raw', key);
  assert.ok(isSealedBytes(sealed));
  assert.ok(sealed.length <= payload.length + 2 + 3 + 12 + 16);
  assert.ok(!sealed.includes(payload.subarray(0, 16)), 'the payload is not in clear');
  assert.equal(unsealBytes(sealed, key), payload);
  assert.equal(unsealBytes(sealBytes(Buffer.alloc(0), 'raw', key), key), Buffer.alloc(0));
});

bytes('opened with another key, under another key id, or with one bit changed: refused', () => {
  const sealed = sealBytes(Buffer.from('سلام'), 'raw', key);
  assert.throws(() => unsealBytes(sealed, randomBytes(32)));
  const relabelled = Buffer.from(sealed);
  relabelled.write('rax', 2, 'ascii'); // same length, another key id: the tag covers it
  assert.throws(() => unsealBytes(relabelled, key));
  for (const at of [20, sealed.length - 1]) {
    const altered = Buffer.from(sealed);
    altered[at] = (altered[at] ?? 0) ^ 1;
    assert.throws(() => unsealBytes(altered, key));
  }
});

bytes('text sealed by seal() and truncated bytes are not taken for sealed bytes', () => {
  const text = Buffer.from(seal('x', 'raw', key));
  assert.not.ok(isSealedBytes(text));
  assert.throws(() => unsealBytes(text, key), /not a sealed value/);
  assert.throws(() => unsealBytes(sealBytes(Buffer.from('x'), 'raw', key).subarray(0, 20), key), /not a sealed value/);
});

bytes('a view into a larger buffer (as Kafka hands record values over) opens', () => {
  const sealed = sealBytes(Buffer.from('{"a":1}'), 'log', key);
  const carrier = Buffer.concat([Buffer.from('header'), sealed, Buffer.from('trailer')]);
  const view = carrier.subarray(6, 6 + sealed.length);
  assert.is(unsealBytes(view, key).toString(), '{"a":1}');
});

bytes.run();
