import { z } from 'zod';
import { Actor } from './values.ts';

const CannedResponseContent = {
  cannedResponseId: z.string().uuid(),
  /** What an agent types to find it in the console, e.g. `/late-order`. */
  shortcut: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  /** The words, with `{{customer.name}}`-style placeholders filled in when a reply uses it. */
  text: z.string().min(1).max(20_000),
  actor: Actor,
};

/** An admin or supervisor wrote a new canned response. */
export const CannedResponseCreated = z.object(CannedResponseContent);

/** Its shortcut, title or words changed; the event carries them all, as they are now. */
export const CannedResponseChanged = z.object(CannedResponseContent);

export const CannedResponseDeleted = z.object({ cannedResponseId: z.string().uuid(), actor: Actor });
