import { HubError } from '@hub/errors';

/** Emails are unique case-folded: `Sara@Example.ir` and `sara@example.ir` are one account. */
export function foldEmail(email: string): string {
  const folded = email.trim().toLowerCase();
  if (folded.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(folded)) {
    throw new HubError('INVALID_INPUT', 'not a valid email address');
  }
  return folded;
}

/** The name a user is mentioned by in notes (`@maryam`): their email's local part, lower-cased. */
export const mentionHandleOf = (email: string): string => (email.split('@')[0] ?? email).toLowerCase();
