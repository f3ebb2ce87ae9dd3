import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import { loudHook } from '@hub/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { RouteOptions } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { CHANNEL_TOKEN } from './testing/agent-workspace.fixture.ts';

// The API document is generated from the routes' own schemas: a route added without a schema, or
// one the document misses, fails here, and the document must be valid OpenAPI 3.1.

interface Route {
  readonly method: string;
  readonly url: string;
  readonly schema: Record<string, unknown> | undefined;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: object }> }>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

interface Context {
  hub: ComposedHub;
  dataDir: string;
  routes: Route[];
  document: OpenApiDocument;
}

/**
 * Routes that take no input at all (no path parameters, query, headers or body of their own);
 * every other route must declare a request schema. Adding a route here is a decision, not a fix.
 */
const takesNoInput = new Set([
  'GET /',
  'GET /health',
  'GET /health/ready',
  'GET /health/live',
  'GET /metrics',
  'GET /openapi.json',
  'POST /v1/auth/sign-out',
  'GET /v1/auth/me',
  'GET /v1/users',
  'GET /v1/colleagues',
  'GET /v1/web-forms',
  'GET /v1/api-tokens',
  'GET /v1/canned-responses',
  'GET /v1/teams',
  'GET /v1/inboxes',
  'GET /v1/service-levels',
  'GET /v1/presence',
  'GET /v1/agents/workload',
  'GET /v1/channels/chat/widget.js',
  'GET /v1/channels/chat/widget/demo',
  'GET /v1/channels/chat/widget',
]);

const requestParts = ['params', 'querystring', 'body', 'headers'] as const;
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const openapi = suite<Context>('GET /openapi.json and /docs: the API described from its routes');
openapi.before(
  loudHook(async (context) => {
    context.routes = [];
    context.dataDir = await mkdtemp(join(tmpdir(), 'hub-openapi-'));
    const config = loadConfig({
      HUB_DATA_DIR: context.dataDir,
      HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
      HUB_AGENT_TOKEN: 'agent-token-for-tests-456789',
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_ADMIN_EMAIL: 'admin@shop.example',
      HUB_ADMIN_PASSWORD: 'admin-password-for-tests-1',
    });
    assert.equal([...config.roles].sort(), ['api', 'gateway', 'projector', 'writer'], 'every role, every route');
    context.hub = await composeHub(config, silentLogger(), {
      onRoute: (route: RouteOptions) => {
        for (const method of [route.method].flat()) {
          context.routes.push({ method, url: route.url, schema: route.schema as Record<string, unknown> | undefined });
        }
      },
    });
    await context.hub.app.ready();
    const response = await context.hub.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.is(response.statusCode, 200);
    context.document = response.json();
  }),
);
openapi.after(
  loudHook(async (context) => {
    await context.hub?.stop();
    if (context.dataDir) await rm(context.dataDir, { recursive: true, force: true });
  }),
);

openapi(
  'every route of the API is in the document (only the docs page hides its own assets)',
  ({ routes, document }) => {
    const served = routes.filter((route) => route.method !== 'HEAD');
    const hidden = served.filter((route) => route.schema?.hide === true).map((route) => route.url);
    assert.ok(
      hidden.every((url) => url.startsWith('/docs')),
      `only /docs may be hidden: ${hidden.join(', ')}`,
    );
    const missing = served
      .filter((route) => route.schema?.hide !== true)
      .filter((route) => !document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.url}`);
    assert.equal(missing, []);
    const documented = served.filter((route) => route.url.startsWith('/v1/')).length;
    assert.ok(documented >= 40, `the API v1 has its ${documented} routes in the document`);
  },
);

openapi('every route that takes input declares its request schema', ({ routes }) => {
  const undeclared = routes
    .filter((route) => route.method !== 'HEAD' && route.schema?.hide !== true)
    .filter((route) => !takesNoInput.has(`${route.method} ${route.url}`))
    .filter((route) => !requestParts.some((part) => route.schema?.[part] !== undefined))
    .map((route) => `${route.method} ${route.url}`);
  assert.equal(undeclared, []);
  const withParams = routes.filter((route) => route.url.includes('/:') && route.schema?.params === undefined);
  assert.equal(
    withParams.map((route) => `${route.method} ${route.url}`),
    [],
    'a path parameter is validated',
  );
});

openapi('the document is valid OpenAPI 3.1', async ({ document }) => {
  assert.is(document.openapi, '3.1.0');
  const result = await new Validator().validate(JSON.parse(JSON.stringify(document)));
  assert.equal(result.errors ?? [], []);
  assert.ok(result.valid);
});

openapi('security schemes and problem answers are documented', ({ document }) => {
  assert.equal(Object.keys(document.components.securitySchemes).sort(), [
    'bearerAuth',
    'channelToken',
    'metaSignature',
    'metricsToken',
    'sessionCookie',
    'telegramSecretToken',
    'twilioSignature',
  ]);
  const status = document.paths['/v1/conversations/{id}/status']?.post;
  assert.equal(status?.security, [{ bearerAuth: [] }, { sessionCookie: [] }]);
  assert.equal(Object.keys(status?.responses['409']?.content ?? {}), ['application/problem+json']);
  assert.ok(document.components.schemas.Problem, 'one shared problem+json schema');
  assert.equal(document.paths['/v1/interactions']?.post?.security, [{ channelToken: [] }]);
  assert.equal(document.paths['/v1/channels/social/meta']?.post?.security, [{ metaSignature: [] }]);
  assert.equal(document.paths['/v1/auth/sign-in']?.post?.security, []);
  const email = document.paths['/v1/channels/email']?.post as unknown as { requestBody: { content: object } };
  assert.equal(Object.keys(email.requestBody.content), ['message/rfc822']);
  const upload = document.paths['/v1/attachments']?.post as unknown as { requestBody: { content: object } };
  const uploadTypes = Object.keys(upload.requestBody.content);
  assert.ok(uploadTypes.includes('application/pdf'), 'a file for a reply is posted as itself');
  assert.not.ok(uploadTypes.includes('application/json'));
  const live = document.paths['/v1/live']?.get;
  assert.equal(Object.keys(live?.responses['200']?.content ?? {}), ['text/event-stream']);
});

openapi('the document and the docs page are public, rate-limited and served locally', async ({ hub }) => {
  const document = await hub.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.is(document.statusCode, 200, 'no credentials needed');
  assert.ok(document.headers['x-ratelimit-limit'], 'rate-limited like /health');
  const page = await hub.app.inject({ method: 'GET', url: '/docs' });
  assert.is(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.ok(page.headers['x-ratelimit-limit'], 'the docs page is rate-limited too');
  const assets = [...page.body.matchAll(/(?:src|href)="\.?\/?([^"]+)"/g)].map((match) => match[1] as string);
  assert.ok(
    assets.some((asset) => asset.endsWith('swagger-ui-bundle.js')),
    'the page loads the UI from the hub',
  );
  assert.not.match(page.body, /https?:\/\//, 'nothing from a CDN');
  for (const asset of assets) {
    const url = asset.startsWith('/') ? asset : `/docs/${asset.replace(/^docs\//, '')}`;
    const served = await hub.app.inject({ method: 'GET', url });
    assert.is(served.statusCode, 200, `${url} is served`);
  }
  const json = await hub.app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(json.json().paths, document.json().paths, 'the page shows the same document');
});

openapi('a route schema refuses malformed input as 400 problem+json naming the field', async ({ hub }) => {
  const response = await hub.app.inject({
    method: 'GET',
    url: '/v1/inbox?limit=many',
    headers: { authorization: 'Bearer agent-token-for-tests-456789' },
  });
  assert.is(response.statusCode, 400);
  assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  assert.is(response.json().code, 'INVALID_INPUT');
  assert.match(response.json().detail, /limit/);
  const anonymous = await hub.app.inject({ method: 'GET', url: '/v1/inbox?limit=many' });
  assert.is(anonymous.statusCode, 401, 'authentication comes before validation');
});

openapi.run();
