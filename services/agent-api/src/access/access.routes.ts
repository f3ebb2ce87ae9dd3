import { type Access, can, type Principal, userRoles } from '@hub/access';
import { HubError, isHubError } from '@hub/errors';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../parse-input.ts';
import { type AuthenticateHook, principalOf, requirePermission } from './authenticate.ts';
import { clearedSessionCookie, sessionCookie } from './session-cookie.ts';

export interface AccessRouteDependencies {
  readonly access: Access;
  readonly authenticate: AuthenticateHook;
  /** Mark the session cookie `Secure` (the hub is reached over https). */
  readonly secureCookie: boolean;
  readonly now: () => Date;
}

/** Small JSON bodies only: a sign-in or a user is a few hundred bytes. */
const BODY_LIMIT = 16 * 1024;

const Role = z.enum(userRoles);
const Password = z.string().min(12, 'at least 12 characters').max(512);
const SignIn = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(512) }).strict();
const NewUser = z
  .object({
    email: z.string().trim().email().max(320),
    displayName: z.string().trim().min(1).max(200),
    role: Role,
    password: Password.optional(),
  })
  .strict();
const UserChange = z
  .object({ role: Role, active: z.boolean(), seenRevision: z.number().int().min(-1) })
  .partial()
  .strict()
  .refine((change) => change.role !== undefined || change.active !== undefined, 'give role and/or active');
const PasswordChange = z.object({ password: Password, currentPassword: z.string().max(512).optional() }).strict();
const NewToken = z.object({ name: z.string().trim().min(1).max(200), role: Role }).strict();
const Id = z.object({ id: z.string().uuid() });

const whoOf = (principal: Principal): string =>
  principal.kind === 'user' ? `user:${principal.userId}` : `api-token:${principal.tokenId}`;

/** Sign-in and sign-out, the signed-in user, users and API tokens. */
export async function registerAccessRoutes(app: FastifyInstance, deps: AccessRouteDependencies): Promise<void> {
  const { access, now } = deps;

  // The one route open to everyone.
  app.post('/v1/auth/sign-in', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const { email, password } = parseInput(SignIn, request.body, 'sign-in');
    try {
      const signedIn = await access.sessions.signIn(email, password, request.ip);
      reply.header(
        'set-cookie',
        sessionCookie(signedIn.token, signedIn.expiresAt, { secure: deps.secureCookie, now: now() }),
      );
      return signedIn;
    } catch (error) {
      if (isHubError(error, 'RATE_LIMITED')) reply.header('retry-after', String(error.context.retryAfterSeconds ?? 60));
      throw error;
    }
  });

  await app.register(async (scope) => {
    scope.addHook('onRequest', deps.authenticate);

    scope.post('/v1/auth/sign-out', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const principal = principalOf(request);
      if (principal.kind === 'user') await access.sessions.signOut(principal.sessionDigest);
      return reply.header('set-cookie', clearedSessionCookie(deps.secureCookie)).status(204).send();
    });

    scope.get('/v1/auth/me', async (request) => {
      const principal = principalOf(request);
      if (principal.kind === 'token')
        return { tokenId: principal.tokenId, role: principal.role, actor: principal.actor };
      const user = await access.users.find(principal.userId);
      if (!user) throw new HubError('UNAUTHENTICATED', 'not signed in');
      return { user, actor: principal.actor };
    });

    const manageUsers = { onRequest: requirePermission('users:manage'), bodyLimit: BODY_LIMIT };

    scope.get('/v1/users', manageUsers, async () => ({ users: await access.users.list() }));

    scope.post('/v1/users', manageUsers, async (request, reply) => {
      const body = parseInput(NewUser, request.body, 'user');
      const user = await access.users.create(principalOf(request).actor, body);
      return reply.status(201).send(user);
    });

    scope.patch('/v1/users/:id', manageUsers, async (request) => {
      const { id } = parseInput(Id, request.params, 'user id');
      const change = parseInput(UserChange, request.body, 'user change');
      return access.users.change(principalOf(request).actor, id, change);
    });

    // Users change their own password with the current one; admins reset anyone's.
    scope.post('/v1/users/:id/password', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const principal = principalOf(request);
      const { id } = parseInput(Id, request.params, 'user id');
      const self = principal.kind === 'user' && principal.userId === id;
      if (!self && !can(principal.role, 'users:manage')) {
        throw new HubError('FORBIDDEN', `the ${principal.role} role may not users:manage`);
      }
      const body = parseInput(PasswordChange, request.body, 'password change');
      if (self) {
        if (body.currentPassword === undefined || !(await access.sessions.checkPassword(id, body.currentPassword))) {
          throw new HubError('FORBIDDEN', 'the current password is wrong');
        }
      }
      await access.users.setPassword(principal.actor, id, body.password, self ? 'self' : 'admin');
      // A changed password ends every other session of that user.
      await access.sessions.endOtherSessions(id, principal.kind === 'user' ? principal.sessionDigest : undefined);
      return reply.status(204).send();
    });

    const manageTokens = { onRequest: requirePermission('tokens:manage'), bodyLimit: BODY_LIMIT };

    scope.get('/v1/api-tokens', manageTokens, async () => ({ tokens: await access.apiTokens.list() }));

    scope.post('/v1/api-tokens', manageTokens, async (request, reply) => {
      const body = parseInput(NewToken, request.body, 'API token');
      const created = await access.apiTokens.create({ ...body, createdBy: whoOf(principalOf(request)) });
      // The only time the token is shown: the hub keeps its hash.
      return reply.status(201).send(created);
    });

    scope.delete('/v1/api-tokens/:id', manageTokens, async (request, reply) => {
      const { id } = parseInput(Id, request.params, 'API token id');
      await access.apiTokens.revoke(id);
      return reply.status(204).send();
    });
  });
}
