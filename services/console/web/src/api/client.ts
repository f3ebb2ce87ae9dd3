import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

/**
 * The hub's API, typed by its OpenAPI document (schema.d.ts, generated). The session is the
 * HttpOnly cookie sign-in sets: no token is kept in script-readable storage, and SameSite=Strict
 * with JSON bodies keeps other sites from sending requests as the agent.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type Problem = components['schemas']['Problem'];
export type User = components['schemas']['User'];
export type InboxListItem = components['schemas']['InboxListItem'];

/** The problem's code and words, for an answer that was not 2xx. */
export function describeProblem(error: unknown): { code: string; detail: string } {
  const problem = (error ?? {}) as Partial<Problem>;
  return { code: String(problem.code ?? 'ERROR'), detail: String(problem.detail ?? problem.title ?? '') };
}
