import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HubError } from '@hub/errors';
import { problems, security } from '@hub/http';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { z } from 'zod';

/** Where `vite build` leaves the console: `index.html` and hashed files under `assets/`. */
export const consoleAssetsDir = fileURLToPath(new URL('../dist', import.meta.url));

export interface ConsoleRouteOptions {
  /** Built assets; `consoleAssetsDir` unless a test gives another. */
  readonly dir?: string;
  /** The deliberately public pages' rate limit (the hub's, per client address). */
  readonly onRequest: onRequestHookHandler;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

// The console talks only to this hub; customer HTML is shown in sandboxed frames of its own
// (srcdoc, no scripts), which `frame-src 'self'` and the sandbox attribute keep inert.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Serves the built console at `/` (a single page; its screens are `#/` routes) and its assets at
 * `/assets/<hashed name>`, read once at start. Public like a sign-in page, and rate-limited: the
 * pages hold no data; everything they show comes from the authenticated API.
 */
export function registerConsole(app: FastifyInstance, options: ConsoleRouteOptions): void {
  const dir = options.dir ?? consoleAssetsDir;
  const indexFile = join(dir, 'index.html');
  const built = existsSync(indexFile);
  const index = built ? readFileSync(indexFile) : undefined;
  const assets = new Map<string, { bytes: Buffer; type: string }>();
  if (built && existsSync(join(dir, 'assets'))) {
    for (const name of readdirSync(join(dir, 'assets'))) {
      const type = contentTypes[extname(name)];
      if (type) assets.set(name, { bytes: readFileSync(join(dir, 'assets', name)), type });
    }
  }
  const pageSchema = {
    summary: 'The agent console: one HTML page; its screens are #/ routes, its data the API below',
    tags: ['console'],
    security: security.none,
    produces: ['text/html'],
    response: { 200: z.string(), ...problems(404, 429) },
  };
  const assetSchema = {
    summary: "The console's scripts and styles (hashed names, cached for a year)",
    tags: ['console'],
    security: security.none,
    params: z.object({
      file: z
        .string()
        .max(120)
        .regex(/^[\w.-]+$/, 'a file name of the build'),
    }),
    response: { 200: z.string(), ...problems(400, 404, 429) },
  };

  app.get('/', { onRequest: options.onRequest, schema: pageSchema }, async (_request, reply) => {
    if (!index) {
      throw new HubError('NOT_FOUND', 'the console is not built in this installation: run `pnpm console:build`');
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', contentSecurityPolicy)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(index);
  });

  app.get<{ Params: { file: string } }>(
    '/assets/:file',
    { onRequest: options.onRequest, schema: assetSchema },
    async (request, reply) => {
      const asset = assets.get(request.params.file);
      if (!asset) throw new HubError('NOT_FOUND', 'no such console asset');
      return reply
        .header('content-type', asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(asset.bytes);
    },
  );
}
