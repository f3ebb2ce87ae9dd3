import { createHmac } from 'node:crypto';
import { secretsEqual } from '@hub/http';

/** What a widget visitor says they are; the website's server may sign the email and phone. */
export interface WidgetIdentity {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly identityHash?: string | undefined;
}

/**
 * The identity hash a website's server gives its page for a signed-in visitor, as Chatwoot's
 * identity validation does: hex HMAC-SHA256, with HUB_WIDGET_IDENTITY_SECRET, of the email and
 * the phone exactly as the page sends them in `identify`, joined by a newline ("" when absent).
 */
export const signWidgetIdentity = (secret: string, identity: WidgetIdentity): string =>
  createHmac('sha256', secret)
    .update(`${identity.email ?? ''}\n${identity.phone ?? ''}`)
    .digest('hex');

export type IdentityCheck = { readonly verified: boolean } | { readonly refused: string };

/**
 * Without a secret every `identify` is an unverified claim (development, or a site without
 * sign-in). With one, an `identify` naming an email or phone must carry their hash: otherwise
 * anyone could open the chat, type a customer's email, and write into that customer's timeline.
 * A name alone links nobody and needs no hash.
 */
export function checkWidgetIdentity(secret: string | undefined, identity: WidgetIdentity): IdentityCheck {
  if (!secret || (identity.email === undefined && identity.phone === undefined)) return { verified: false };
  if (identity.identityHash === undefined) {
    return { refused: 'identify with an email or phone needs identityHash, signed by the website' };
  }
  return secretsEqual(identity.identityHash, signWidgetIdentity(secret, identity))
    ? { verified: true }
    : { refused: 'identityHash does not match this email and phone' };
}
