import { createCipheriv, createDecipheriv } from 'node:crypto';
import { freshIv, IV_BYTES } from './iv-pool.ts';

// Bytes sealed as bytes, for carriers that hold bytes (bytea columns, Kafka record values): no
// base64 on the way in or out, so a sealed raw payload is a quarter smaller than `seal`'s text
// and costs no encoding. AES-256-GCM, the key id as associated data, like `seal`. Layout:
//   0x02 | key id length (1 byte) | key id (ASCII) | IV (12) | ciphertext | tag (16)
const FORMAT = 0x02;
const TAG_BYTES = 16;

/** Whether these bytes are in the sealed-bytes layout (a `seal` text starts with "pd1:"). */
export const isSealedBytes = (value: Uint8Array): boolean => value[0] === FORMAT;

export function sealBytes(plaintext: Uint8Array, keyId: string, key: Buffer): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  if (id.length > 255) throw new RangeError('a key id is at most 255 bytes');
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(id);
  const header = 2 + id.length;
  const out = Buffer.allocUnsafe(header + IV_BYTES + plaintext.length + TAG_BYTES);
  out[0] = FORMAT;
  out[1] = id.length;
  id.copy(out, 2);
  iv.copy(out, header);
  let at = header + IV_BYTES;
  at += cipher.update(plaintext).copy(out, at);
  at += cipher.final().copy(out, at);
  cipher.getAuthTag().copy(out, at);
  return out;
}

/** Throws when the value is not in the layout, was tampered with, or was sealed under another key. */
export function unsealBytes(sealed: Uint8Array, key: Buffer): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const idLength = bytes[1] ?? 0;
  const header = 2 + idLength;
  if (!isSealedBytes(bytes) || bytes.length < header + IV_BYTES + TAG_BYTES) {
    throw new Error('not a sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(header, header + IV_BYTES));
  decipher.setAAD(bytes.subarray(2, header));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const body = bytes.subarray(header + IV_BYTES, bytes.length - TAG_BYTES);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}
