import { HubError } from '@hub/errors';
import type { z } from 'zod';

/** Parses configuration with its schema, or refuses it with every problem listed by path. */
export function parseOrRefuse<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new HubError('INVALID_INPUT', `${subject} is not valid: ${problems.join('; ')}`, { problems });
}
