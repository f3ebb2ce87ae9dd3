import { isSealed, keyIdOf, seal, unseal } from './field-cipher.ts';
import { type PersonalField, personalFieldsOf } from './personal-fields.ts';

type Json = Record<string, unknown>;

const getAt = (data: Json, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), data);

function setAt(data: Json, path: readonly string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (head === undefined) return data;
  if (rest.length === 0) return { ...data, [head]: value };
  const child = data[head];
  return child && typeof child === 'object' ? { ...data, [head]: setAt(child as Json, rest, value) } : data;
}

/** `details` keeps its `channel` in clear so an erased interaction still says which channel it was. */
const sealValue = (f: PersonalField, value: unknown, keyId: string, key: Buffer): unknown =>
  f.redacted === 'channel-only'
    ? { channel: (value as Json).channel, sealed: seal(value, keyId, key) }
    : seal(value, keyId, key);

const sealedString = (f: PersonalField, value: unknown): string | undefined => {
  const candidate = f.redacted === 'channel-only' ? (value as Json | null)?.sealed : value;
  return isSealed(candidate) ? candidate : undefined;
};

/** Replaces each personal field of an event body by its sealed form. */
export function sealEvent(type: string, data: unknown, keyId: string, key: Buffer): unknown {
  return personalFieldsOf(type).reduce((body, f) => {
    const value = getAt(body, f.path);
    return value === undefined || value === null ? body : setAt(body, f.path, sealValue(f, value, keyId, key));
  }, data as Json);
}

/** The key ids an event body was sealed with (one customer's, in practice). */
export const sealedKeyIds = (type: string, data: unknown): string[] =>
  personalFieldsOf(type).flatMap((f) => {
    const sealed = sealedString(f, getAt(data as Json, f.path));
    return sealed ? [keyIdOf(sealed)] : [];
  });

/** Opens sealed fields with `keys`; a field whose key is gone reads as its redacted value. */
export function openEvent(type: string, data: unknown, keys: ReadonlyMap<string, Buffer | undefined>): unknown {
  return personalFieldsOf(type).reduce((body, f) => {
    const value = getAt(body, f.path);
    const sealed = sealedString(f, value);
    if (!sealed) return body;
    const key = keys.get(keyIdOf(sealed));
    if (key) return setAt(body, f.path, unseal(sealed, key));
    const redacted = f.redacted === 'channel-only' ? { channel: (value as Json).channel, erased: true } : f.redacted;
    return setAt(body, f.path, redacted);
  }, data as Json);
}
