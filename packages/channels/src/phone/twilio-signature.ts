import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (https://www.twilio.com/docs/usage/security): the full URL Twilio
 * requested, query string included, followed by every POST parameter's name and value, sorted by
 * name (a repeated name contributes each distinct value, sorted), HMAC-SHA1 keyed by the account's
 * auth token, base64.
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  const signed = names.reduce(
    (data, name) =>
      data +
      [...new Set(params.getAll(name))]
        .sort()
        .map((value) => name + value)
        .join(''),
    url,
  );
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/**
 * Twilio signs the URL sometimes with, sometimes without an explicit default port (as its own
 * helper libraries note), so both spellings are tried.
 */
export function urlSpellings(url: string): string[] {
  const parsed = new URL(url);
  const withoutPort = new URL(url);
  withoutPort.port = '';
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  const port = parsed.port || defaultPort;
  const withPort = `${parsed.protocol}//${parsed.host.replace(/:\d+$/, '')}:${port}${parsed.pathname}${parsed.search}`;
  return [...new Set([url, withoutPort.toString(), withPort])];
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time: both sides are hashed first, so neither content nor length leaks through timing. */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: URLSearchParams,
  presented: string | undefined,
): boolean {
  if (!presented || !authToken) return false;
  const presentedDigest = digest(presented.trim());
  // Every spelling is computed and compared, so the time taken does not tell which one matched.
  return urlSpellings(url)
    .map((spelling) => timingSafeEqual(presentedDigest, digest(twilioSignature(authToken, spelling, params))))
    .reduce((any, match) => any || match, false);
}
