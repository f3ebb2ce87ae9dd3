import { z } from 'zod';

/** `?asOf=`: an instant with its offset (`2026-12-01T09:00:00Z`, `2026-12-01T12:30:00+03:30`), not in the future. */
export const AsOf = z.string().datetime({ offset: true }).meta({
  description:
    'time travel: the view as it stood at this instant (ISO 8601 with offset; not in the future), merges, unmerges and changes after it left out; erased data stays erased',
});

/** The query of a read that can travel in time. */
export const AsOfQuery = z.object({ asOf: AsOf.optional() });
