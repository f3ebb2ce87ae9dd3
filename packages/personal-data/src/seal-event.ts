import { isSealed, keyIdOf, seal, unseal } from './field-cipher.ts';
import { type PersonalField, personalFieldsOf } from './personal-fields.ts';

type Json = Record<string, unknown>;

/**
 * Where an event body keeps its personal fields, sealed together under the customer's key. In
 * their places the body holds what a reader sees after erasure, so it never holds them in clear.
 */
export const SEALED_FIELDS = '$sealed';

const getAt = (data: Json, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), data);

function setAt(data: Json, path: readonly string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (head === undefined) return data;
  if (rest.length === 0) return { ...data, [head]: value };
  const child = data[head];
  return child && typeof child === 'object' ? { ...data, [head]: setAt(child as Json, rest, value) } : data;
}

const nameOf = (f: PersonalField) => f.path.join('.');

/** `details` keeps its `channel` in clear so an erased interaction still says which channel it was. */
const standIn = (f: PersonalField, value: unknown): unknown =>
  f.redacted === 'channel-only' ? { channel: (value as Json).channel } : f.redacted;

/**
 * Moves the personal fields of an event body into one sealed value (one cipher per event, not
 * per field: the writer seals every interaction it records), leaving stand-ins in their places.
 */
export function sealEvent(type: string, data: unknown, keyId: string, key: Buffer): unknown {
  const personal: Json = {};
  let body = data as Json;
  for (const f of personalFieldsOf(type)) {
    const value = getAt(body, f.path);
    if (value === undefined || value === null) continue;
    personal[nameOf(f)] = value;
    body = setAt(body, f.path, standIn(f, value));
  }
  if (Object.keys(personal).length === 0) return data;
  return { ...body, [SEALED_FIELDS]: seal(personal, keyId, key) };
}

/** The key ids an event body was sealed with (one customer's, in practice). */
export const sealedKeyIds = (type: string, data: unknown): string[] => {
  const sealed = (data as Json | null)?.[SEALED_FIELDS];
  return isSealed(sealed) ? [keyIdOf(sealed)] : fieldByField.sealedKeyIds(type, data);
};

/** Opens the sealed fields with `keys`; once the key is gone the stand-ins are what is read. */
export function openEvent(type: string, data: unknown, keys: ReadonlyMap<string, Buffer | undefined>): unknown {
  const sealed = (data as Json | null)?.[SEALED_FIELDS];
  if (!isSealed(sealed)) return fieldByField.openEvent(type, data, keys);
  const { [SEALED_FIELDS]: _, ...body } = data as Json;
  const key = keys.get(keyIdOf(sealed));
  const fields = personalFieldsOf(type);
  if (!key) {
    return fields.reduce((opened, f) => {
      const standIn = getAt(opened, f.path);
      return f.redacted === 'channel-only' && standIn
        ? setAt(opened, f.path, { ...(standIn as Json), erased: true })
        : opened;
    }, body);
  }
  const personal = unseal(sealed, key) as Json;
  return fields.reduce(
    (opened, f) => (nameOf(f) in personal ? setAt(opened, f.path, personal[nameOf(f)]) : opened),
    body,
  );
}

/** Events sealed before one envelope per event held each personal field sealed in its place. */
const fieldByField = {
  sealedString(f: PersonalField, value: unknown): string | undefined {
    const candidate = f.redacted === 'channel-only' ? (value as Json | null)?.sealed : value;
    return isSealed(candidate) ? candidate : undefined;
  },
  sealedKeyIds: (type: string, data: unknown): string[] =>
    personalFieldsOf(type).flatMap((f) => {
      const sealed = fieldByField.sealedString(f, getAt(data as Json, f.path));
      return sealed ? [keyIdOf(sealed)] : [];
    }),
  openEvent: (type: string, data: unknown, keys: ReadonlyMap<string, Buffer | undefined>): unknown =>
    personalFieldsOf(type).reduce((body, f) => {
      const value = getAt(body, f.path);
      const sealed = fieldByField.sealedString(f, value);
      if (!sealed) return body;
      const key = keys.get(keyIdOf(sealed));
      if (key) return setAt(body, f.path, unseal(sealed, key));
      const redacted = f.redacted === 'channel-only' ? { channel: (value as Json).channel, erased: true } : f.redacted;
      return setAt(body, f.path, redacted);
    }, data as Json),
};
