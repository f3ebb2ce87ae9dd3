export const sessionCookieName = 'hub_session';

/** The session token from a `Cookie` header, when it carries one. */
export function sessionFromCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it: no CSRF),
 * Secure behind https.
 */
export function sessionCookie(token: string, expiresAt: Date, options: { secure: boolean; now: Date }): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - options.now.getTime()) / 1000));
  const secure = options.secure ? '; Secure' : '';
  return `${sessionCookieName}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

export const clearedSessionCookie = (secure: boolean): string =>
  `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
