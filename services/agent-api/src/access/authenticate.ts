import type { Access, Permission, Principal } from '@hub/access';
import { can } from '@hub/access';
import { HubError } from '@hub/errors';
import { secretsEqual } from '@hub/http';
import type { FastifyRequest } from 'fastify';
import { sessionCookieName, sessionFromCookie } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the `authenticate` hook on every route behind it. */
    principal?: Principal;
  }
}

/** The static HUB_AGENT_TOKEN of earlier versions: an integration credential with the admin role. */
const legacyPrincipal: Principal = {
  kind: 'token',
  tokenId: 'legacy-agent-token',
  role: 'admin',
  actor: { kind: 'system', process: 'legacy-agent-token' },
};

export type AuthenticateHook = (request: FastifyRequest) => Promise<void>;

/**
 * An `onRequest` hook (before the body is read): a session token or API token as a bearer, the
 * session cookie, or the legacy agent token. Anything else is 401.
 */
export function createAuthenticate(deps: {
  readonly access: Access;
  readonly legacyAgentToken?: string;
}): AuthenticateHook {
  const { access } = deps;
  return async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const presented = bearer ?? sessionFromCookie(request.headers.cookie);
    let principal: Principal | undefined;
    if (presented?.startsWith('hub_s_')) principal = await access.sessions.authenticate(presented);
    else if (presented?.startsWith('hub_t_')) principal = await access.apiTokens.authenticate(presented);
    else if (presented && deps.legacyAgentToken && secretsEqual(presented, deps.legacyAgentToken)) {
      principal = legacyPrincipal;
    }
    if (!principal) {
      throw new HubError(
        'UNAUTHENTICATED',
        `sign in, or send a session or API token as a bearer (or the ${sessionCookieName} cookie)`,
      );
    }
    request.principal = principal;
  };
}

/** The caller, on a route behind `authenticate`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HubError('UNAUTHENTICATED', 'not signed in');
  return request.principal;
}

/** An `onRequest` hook after `authenticate`: 403 FORBIDDEN unless the caller's role has the permission. */
export const requirePermission =
  (permission: Permission) =>
  async (request: FastifyRequest): Promise<void> => {
    const principal = principalOf(request);
    if (!can(principal.role, permission)) {
      throw new HubError('FORBIDDEN', `the ${principal.role} role may not ${permission}`, { permission });
    }
  };
