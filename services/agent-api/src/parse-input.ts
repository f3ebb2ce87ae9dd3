import { HubError } from '@hub/errors';
import type { z } from 'zod';

/**
 * Validates at the edge; the first problem becomes a 400 INVALID_INPUT naming the field. Routes
 * declare their schemas instead (README, "Route schemas"); this is for a value no route schema
 * reaches (one read from a stored payload), and for routes not converted yet.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HubError('INVALID_INPUT', `invalid ${what}: ${issue?.path.join('.') || ''} ${issue?.message ?? ''}`.trim());
}
