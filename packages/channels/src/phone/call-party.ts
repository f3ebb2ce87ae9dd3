import { type CountryCode, normalizePhone, toAsciiDigits } from '@hub/customer-identity';
import { HubError } from '@hub/errors';

/**
 * An internal extension: a short all-digit number. Public numbers, national or international, have
 * seven digits or more, so two to six digits is a safe default for a PBX's own extensions; a
 * switch with another plan passes its own pattern.
 */
export const DEFAULT_EXTENSION_PATTERN = /^\d{2,6}$/;

export const isInternalExtension = (value: string, pattern: RegExp = DEFAULT_EXTENSION_PATTERN): boolean =>
  pattern.test(toAsciiDigits(value.trim()));

/**
 * The customer's number in E.164; a call whose customer cannot be named by a number is refused,
 * naming the field but not echoing its value (refusals are logged, numbers are personal data).
 */
export function requireCustomerNumber(raw: string | undefined, field: string, region?: CountryCode): string {
  const number = raw === undefined ? null : normalizePhone(raw, region);
  if (number === null) {
    throw new HubError(
      'INVALID_INPUT',
      `${field} is ${raw?.trim() ? 'not a valid phone number' : 'missing'}; the customer's number must be E.164 or national${region ? ` in ${region}` : ''}`,
      { field },
    );
  }
  return number;
}

/** Our side of the call: E.164 when it is a number, else as the switch wrote it (an extension, `client:alice`). */
export const partyNumber = (raw: string, region?: CountryCode): string => {
  const trimmed = raw.trim();
  return isInternalExtension(trimmed) ? toAsciiDigits(trimmed) : (normalizePhone(trimmed, region) ?? trimmed);
};

/**
 * The extension behind an Asterisk channel name: `SIP/201-0000000a`, `PJSIP/201-00000001`,
 * `IAX2/201-1234`, `Local/201@from-internal-00000001;1`. Trunks (`SIP/trunk-...`) give null.
 */
export function extensionFromChannel(channel: string, pattern: RegExp = DEFAULT_EXTENSION_PATTERN): string | null {
  const match = /^[A-Za-z0-9]+\/([^-@/;]+)/.exec(channel.trim());
  const candidate = match?.[1];
  return candidate && isInternalExtension(candidate, pattern) ? toAsciiDigits(candidate) : null;
}

/** Asterisk's caller id `"Ali Rezaei" <09121234567>` as a name and a number. */
export function parseCallerId(clid: string): { name: string | null; number: string | null } {
  const match = /^\s*(?:"((?:[^"]|"")*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(clid);
  if (!match) return { name: null, number: clid.trim() || null };
  const name = (match[1] ?? match[2] ?? '').replaceAll('""', '"').trim();
  return { name: name || null, number: match[3]?.trim() || null };
}

/** A Twilio party that is a softphone or SIP endpoint: `client:alice`, `sip:201@pbx.example`. */
export function twilioEndpoint(party: string): string | null {
  const client = /^client:(.+)$/i.exec(party.trim());
  if (client?.[1]) return client[1];
  const sip = /^sips?:([^@;]+)@/i.exec(party.trim());
  return sip?.[1] ?? null;
}
