import { HubError } from '@hub/errors';
import { z } from 'zod';

export interface OneOrBatchOptions<T> {
  /** The array's key in a batch body: `{ "<key>": [...] }`. */
  readonly key: string;
  readonly item: z.ZodType<T>;
  readonly max: number;
  /** What one item is called in errors: `interaction`, `call`. */
  readonly noun: string;
}

/**
 * A JSON body holding one item or `{ <key>: [...] }`. Any bad item refuses the whole body, naming
 * its path, so a sender never has to find out which half landed.
 */
export function readOneOrBatch<T>(body: Buffer, options: OneOrBatchOptions<T>): { items: T[]; isBatch: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HubError('INVALID_INPUT', `the body is not JSON: ${(error as Error).message}`);
  }
  const isBatch = typeof json === 'object' && json !== null && options.key in json;
  const batch = isBatch ? (json as Record<string, unknown>)[options.key] : undefined;
  if (Array.isArray(batch) && batch.length > options.max) {
    throw new HubError('INVALID_INPUT', `a batch holds at most ${options.max} ${options.noun}s (got ${batch.length})`);
  }
  // Pick the shape first, so a bad field is reported as itself, not as "matches neither".
  const schema = isBatch ? z.object({ [options.key]: z.array(options.item).min(1).max(options.max) }) : options.item;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError(
      'INVALID_INPUT',
      `invalid ${options.noun}${issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}`,
      { issues: parsed.error.issues.slice(0, 20) },
    );
  }
  const items = isBatch ? ((parsed.data as Record<string, T[]>)[options.key] ?? []) : [parsed.data as T];
  return { items, isBatch };
}
