import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

/**
 * The hub's API, typed by its OpenAPI document (schema.d.ts, generated). The session is the
 * HttpOnly cookie sign-in sets: no token is kept in script-readable storage, and SameSite=Strict
 * with JSON bodies keeps other sites from sending requests as the agent.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/**
 * A 401 on any call but the session's own (who am I, sign in, sign out) means the session ended
 * (it expired, or an admin signed the user out): whoever listens takes the agent back to sign-in.
 */
const sessionEnded = new Set<() => void>();
export function onSessionEnded(listener: () => void): () => void {
  sessionEnded.add(listener);
  return () => sessionEnded.delete(listener);
}
api.use({
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/v1/auth/'))
      for (const listener of sessionEnded) listener();
    return undefined;
  },
});

export type Problem = components['schemas']['Problem'];
export type User = components['schemas']['User'];
export type InboxListItem = components['schemas']['InboxListItem'];
export type ReplyChannel =
  paths['/v1/conversations/{id}/reply-options']['get']['responses'][200]['content']['application/json']['options'][number]['channel'];

/** The problem's code and words, for an answer that was not 2xx. */
export function describeProblem(error: unknown): { code: string; detail: string } {
  const problem = (error ?? {}) as Partial<Problem>;
  return { code: String(problem.code ?? 'ERROR'), detail: String(problem.detail ?? problem.title ?? '') };
}
