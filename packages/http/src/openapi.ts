import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from './route-schemas.ts';

export interface OpenApiSettings {
  readonly version: string;
  /** Run before `/openapi.json` and every `/docs` page or asset (the hub's rate limit). */
  readonly onRequest: onRequestHookHandler;
  /** Route options of `/openapi.json` (the hub gives its rate limit's `config` here). */
  readonly routeConfig?: Record<string, unknown>;
}

const securitySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'a session token (POST /v1/auth/sign-in) or an API token (POST /v1/api-tokens); HUB_AGENT_TOKEN too',
  },
  sessionCookie: { type: 'apiKey', in: 'cookie', name: 'hub_session', description: 'the HttpOnly cookie of sign-in' },
  channelToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'HUB_CHANNEL_TOKEN: channel adapters and intake operators',
  },
  telegramSecretToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Telegram-Bot-Api-Secret-Token',
    description: 'the secret_token given to setWebhook (TELEGRAM_SECRET_TOKEN)',
  },
  metaSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Hub-Signature-256',
    description: 'sha256=HMAC of the raw body with META_APP_SECRET',
  },
  twilioSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Twilio-Signature',
    description: "Twilio's request signature with TWILIO_AUTH_TOKEN",
  },
  metricsToken: { type: 'http', scheme: 'bearer', description: 'HUB_METRICS_TOKEN, when it is set' },
} as const;

/** Drops `additionalProperties: false` from a schema and everything in it. */
function open(schema: unknown): void {
  if (Array.isArray(schema)) schema.forEach(open);
  else if (schema !== null && typeof schema === 'object') {
    const node = schema as Record<string, unknown>;
    if (node.additionalProperties === false) delete node.additionalProperties;
    Object.values(node).forEach(open);
  }
}

/**
 * Answers are sent as the handlers build them (the serializer neither checks nor trims them), so
 * a response schema names the fields an answer has at least: zod's `additionalProperties: false`
 * for output objects would tell clients to refuse fields the hub adds later.
 */
function openResponses<T extends ReturnType<typeof jsonSchemaTransformObject>>(document: T): T {
  for (const methods of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(methods ?? {})) {
      if (operation && typeof operation === 'object' && 'responses' in operation) open(operation.responses);
    }
  }
  const { components } = document as { components?: { schemas?: Record<string, unknown> } };
  for (const [name, schema] of Object.entries(components?.schemas ?? {})) {
    if (!name.endsWith('Input')) open(schema);
  }
  return document;
}

/**
 * The API's OpenAPI 3.1 document at `GET /openapi.json`, generated from the routes' zod schemas,
 * and a docs page at `/docs` served from the package's own assets (no CDN). Register before the
 * routes: the document collects them as they are added. Both are deliberately public.
 */
export async function registerOpenApi(app: FastifyInstance, settings: OpenApiSettings): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Interaction hub API',
        version: settings.version,
        description:
          'Intake (channels) and agent API v1 of the interaction hub. Every error is application/problem+json ' +
          'with a code listed in docs/errors.md.',
      },
      components: { securitySchemes },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => openResponses(jsonSchemaTransformObject(document)),
  });

  app.get(
    '/openapi.json',
    {
      ...(settings.routeConfig ? { config: settings.routeConfig } : {}),
      onRequest: settings.onRequest,
      schema: {
        summary: 'This document (OpenAPI 3.1)',
        tags: ['docs'],
        security: [],
        response: { 200: z.looseObject({ openapi: z.string() }), ...problems(429) },
      },
    },
    async () => app.swagger(),
  );

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // The page reads the same document at /docs/json; validatorUrl stays null: nothing leaves the hub.
    uiHooks: { onRequest: settings.onRequest },
    staticCSP: true,
  });
}
