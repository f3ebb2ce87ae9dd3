import type { Actor } from '@hub/events';
import type { UserRole } from './roles.ts';

/** Who is calling: a signed-in user (by session) or an integration (by API token). */
export type Principal =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: UserRole;
      readonly actor: Actor;
      /** The session's digest when signed in by session (sign-out ends it). */
      readonly sessionDigest: string;
    }
  | { readonly kind: 'token'; readonly tokenId: string; readonly role: UserRole; readonly actor: Actor };
