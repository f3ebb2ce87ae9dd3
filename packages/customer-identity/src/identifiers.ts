import type { CustomerIdentifier } from '@hub/events';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Persian (U+06F0..U+06F9) and Arabic-Indic (U+0660..U+0669) digits, as customers type them.
const EASTERN_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;

export const toAsciiDigits = (text: string): string =>
  text.replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0) ?? 0) & 0xf));

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;

/** Case-folded, without `mailto:` or angle brackets; `null` when it is not an address. */
export function normalizeEmail(raw: string): string | null {
  const address = raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase();
  return address.length <= 254 && EMAIL.test(address) ? address : null;
}

/**
 * E.164 (`+989121234567`) from what a customer or a switch wrote: any digits (Persian and
 * Arabic-Indic included), spaces, dashes, brackets, `00` or `+` prefixes, or a national number in
 * `defaultRegion`. `null` when it is not a valid number.
 */
export function normalizePhone(raw: string, defaultRegion?: CountryCode): string | null {
  const ascii = toAsciiDigits(raw.trim()).replace(/^00/, '+');
  if (!/\d/.test(ascii) || ascii.length > 40) return null;
  const parsed = parsePhoneNumberFromString(ascii, defaultRegion);
  return parsed?.isValid() ? parsed.number : null;
}

/** A handle on a network: `telegram:12345`, `widget:<visitor id>`, `facebook:<page-scoped id>`. */
export function normalizeHandle(network: string, id: string): string | null {
  const n = network.trim().toLowerCase();
  const i = id.trim();
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(n) || i.length === 0 || i.length > 256) return null;
  return `${n}:${i}`;
}

export const emailIdentifier = (value: string): CustomerIdentifier => ({ kind: 'email', value });
export const phoneIdentifier = (value: string): CustomerIdentifier => ({ kind: 'phone', value });
export const handleIdentifier = (value: string): CustomerIdentifier => ({ kind: 'handle', value });

export type { CountryCode } from 'libphonenumber-js/max';

/** Why an identifier did not normalise, worded for a refusal that names the field but not the value. */
export const identifierRefusals: Readonly<Record<CustomerIdentifier['kind'], string>> = {
  email: 'is not an email address',
  phone: 'is not a valid phone number (E.164, or national in the default region)',
  handle: 'is not a handle (<network>:<id>)',
};

/**
 * Any identifier as the lookups and the writer know it: the one normalisation of every intake
 * route and of `GET /v1/customers/lookup`. `null` when it does not normalise.
 */
export function normalizeIdentifier(
  identifier: CustomerIdentifier,
  defaultRegion?: CountryCode,
): CustomerIdentifier | null {
  switch (identifier.kind) {
    case 'email': {
      const value = normalizeEmail(identifier.value);
      return value === null ? null : emailIdentifier(value);
    }
    case 'phone': {
      const value = normalizePhone(identifier.value, defaultRegion);
      return value === null ? null : phoneIdentifier(value);
    }
    case 'handle': {
      const [network = '', id = ''] = identifier.value.split(/:(.*)/s);
      const value = normalizeHandle(network, id);
      return value === null ? null : handleIdentifier(value);
    }
    default: {
      const unknownKind: never = identifier.kind;
      throw new Error(`unknown identifier kind ${String(unknownKind)}`);
    }
  }
}
