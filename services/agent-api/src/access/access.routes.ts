import { type Access, can, mentionHandleOf, type Principal, userRoles } from '@hub/access';
import { HubError, isHubError } from '@hub/errors';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AuthenticateHook, principalOf, requirePermission } from './authenticate.ts';
import { clearedSessionCookie, sessionCookie } from './session-cookie.ts';

export interface AccessRouteDependencies {
  readonly access: Access;
  readonly authenticate: AuthenticateHook;
  /** Mark the session cookie `Secure` (the hub is reached over https). */
  readonly secureCookie: boolean;
  readonly now: () => Date;
  /** After a user signed out (to set them away when it was their last session). */
  readonly onSignedOut?: (userId: string) => void;
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

const User = z
  .object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    active: z.boolean(),
    revision: z.number().int().meta({ description: 'send it back as seenRevision to change the user' }),
  })
  .meta({ id: 'User' });
const Colleague = z.object({ userId: z.string(), displayName: z.string(), role: Role, handle: z.string() });
const SignedIn = z.object({
  token: z.string().meta({ description: 'a session token: Authorization: Bearer <token> (also set as a cookie)' }),
  expiresAt: z.date(),
  user: User,
});
const ApiToken = z
  .object({
    tokenId: z.string(),
    name: z.string(),
    role: Role,
    createdBy: z.string(),
    createdAt: z.date(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiToken' });
const Me = z.union([
  z.object({ user: User, actor: z.unknown() }),
  z.object({ tokenId: z.string(), role: Role, actor: z.unknown() }),
]);
const NoContent = z.undefined().meta({ description: 'done; no content' });

const accessRoute = (summary: string) => ({ summary, tags: ['access'], security: security.agent }) as const;

const whoOf = (principal: Principal): string =>
  principal.kind === 'user' ? `user:${principal.userId}` : `api-token:${principal.tokenId}`;

/** Sign-in and sign-out, the signed-in user, users and API tokens. */
export async function registerAccessRoutes(parent: FastifyInstance, deps: AccessRouteDependencies): Promise<void> {
  const { access, now } = deps;
  const app = parent.withTypeProvider<ZodTypeProvider>();

  // The one route open to everyone.
  const signInSchema = {
    ...accessRoute('Password sign-in: a session token and an HttpOnly session cookie; 5 failures in 15 min: 429'),
    security: security.none,
    body: SignIn,
    response: { 200: SignedIn, ...problems(400, 401, 429) },
  };
  app.post('/v1/auth/sign-in', { bodyLimit: BODY_LIMIT, schema: signInSchema }, async (request, reply) => {
    const { email, password } = request.body;
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

  await app.register(async (authenticated) => {
    authenticated.addHook('onRequest', deps.authenticate);
    const scope = authenticated.withTypeProvider<ZodTypeProvider>();

    const signOut = { ...accessRoute('End the session'), response: { 204: NoContent, ...problems(401) } };
    scope.post('/v1/auth/sign-out', { bodyLimit: BODY_LIMIT, schema: signOut }, async (request, reply) => {
      const principal = principalOf(request);
      if (principal.kind === 'user') {
        await access.sessions.signOut(principal.sessionDigest);
        deps.onSignedOut?.(principal.userId);
      }
      return reply.header('set-cookie', clearedSessionCookie(deps.secureCookie)).status(204).send();
    });

    const me = { ...accessRoute('Who is signed in'), response: { 200: Me, ...problems(401) } };
    scope.get('/v1/auth/me', { schema: me }, async (request) => {
      const principal = principalOf(request);
      if (principal.kind === 'token')
        return { tokenId: principal.tokenId, role: principal.role, actor: principal.actor };
      const user = await access.users.find(principal.userId);
      if (!user) throw new HubError('UNAUTHENTICATED', 'not signed in');
      return { user, actor: principal.actor };
    });

    // Whom an agent can hand a conversation to or mention in a note: the active users, by name.
    const colleagues = {
      ...accessRoute('Colleagues: active users with the handle notes mention them by (@handle)'),
      response: { 200: z.object({ colleagues: z.array(Colleague) }), ...problems(401, 403) },
    };
    scope.get(
      '/v1/colleagues',
      { onRequest: requirePermission('conversations:read'), schema: colleagues },
      async () => ({
        colleagues: (await access.users.list())
          .filter((user) => user.active)
          .map((user) => ({
            userId: user.userId,
            displayName: user.displayName,
            role: user.role,
            handle: mentionHandleOf(user.email),
          })),
      }),
    );

    const manageUsers = { onRequest: requirePermission('users:manage'), bodyLimit: BODY_LIMIT };

    const listUsers = {
      ...accessRoute('Users'),
      response: { 200: z.object({ users: z.array(User) }), ...problems(401, 403) },
    };
    scope.get('/v1/users', { ...manageUsers, schema: listUsers }, async () => ({ users: await access.users.list() }));

    const createUser = {
      ...accessRoute('Create a user'),
      body: NewUser,
      response: { 201: User, ...problems(400, 401, 403, 409) },
    };
    scope.post('/v1/users', { ...manageUsers, schema: createUser }, async (request, reply) => {
      const body = request.body;
      const user = await access.users.create(principalOf(request).actor, body);
      return reply.status(201).send(user);
    });

    const changeUser = {
      ...accessRoute('Change role and/or active (seenRevision: stale 409)'),
      params: Id,
      body: UserChange,
      response: { 200: User, ...problems(400, 401, 403, 404, 409) },
    };
    scope.patch('/v1/users/:id', { ...manageUsers, schema: changeUser }, async (request) => {
      const { id } = request.params;
      const change = request.body;
      return access.users.change(principalOf(request).actor, id, change);
    });

    // Users change their own password with the current one; admins reset anyone's.
    const setPassword = {
      ...accessRoute("Your own password with the current one; anyone's as an admin (users:manage)"),
      params: Id,
      body: PasswordChange,
      response: { 204: NoContent, ...problems(400, 401, 403, 404) },
    };
    // onRequest, like every permission: a caller who may not is refused before the body is read.
    const selfOrManager = async (request: FastifyRequest) => {
      const principal = principalOf(request);
      const self = principal.kind === 'user' && principal.userId === (request.params as { id?: string }).id;
      if (!self && !can(principal.role, 'users:manage')) {
        throw new HubError('FORBIDDEN', `the ${principal.role} role may not users:manage`);
      }
    };
    const password = { onRequest: selfOrManager, bodyLimit: BODY_LIMIT, schema: setPassword };
    scope.post('/v1/users/:id/password', password, async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const self = principal.kind === 'user' && principal.userId === id;
      const body = request.body;
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

    const listTokens = {
      ...accessRoute('API tokens for integrations'),
      response: { 200: z.object({ tokens: z.array(ApiToken) }), ...problems(401, 403) },
    };
    scope.get('/v1/api-tokens', { ...manageTokens, schema: listTokens }, async () => ({
      tokens: await access.apiTokens.list(),
    }));

    const createToken = {
      ...accessRoute('A new API token, shown once (stored hashed)'),
      body: NewToken,
      response: { 201: ApiToken.extend({ token: z.string() }), ...problems(400, 401, 403) },
    };
    scope.post('/v1/api-tokens', { ...manageTokens, schema: createToken }, async (request, reply) => {
      const body = request.body;
      const created = await access.apiTokens.create({ ...body, createdBy: whoOf(principalOf(request)) });
      // The only time the token is shown: the hub keeps its hash.
      return reply.status(201).send(created);
    });

    const revokeToken = {
      ...accessRoute('Revoke an API token'),
      params: Id,
      response: { 204: NoContent, ...problems(400, 401, 403, 404) },
    };
    scope.delete('/v1/api-tokens/:id', { ...manageTokens, schema: revokeToken }, async (request, reply) => {
      const { id } = request.params;
      await access.apiTokens.revoke(id);
      return reply.status(204).send();
    });
  });
}
