import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import { frameworkErrorsAsProblems, useProblemDetails } from '@hub/http';
import { silentLogger } from '@hub/logger';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registerConsole } from './console.routes.ts';

// The console's pages as the hub serves them, from a build made up here (the real build is
// exercised in Chromium by services/hub/src/console.e2e.test.ts).

async function serve(dir: string, perMinute = 100) {
  const app = Fastify({
    loggerInstance: silentLogger() as FastifyBaseLogger,
    frameworkErrors: frameworkErrorsAsProblems,
  });
  await app.register(rateLimit, { global: false });
  useProblemDetails(app);
  registerConsole(app, { dir, onRequest: app.rateLimit({ max: perMinute, timeWindow: '1 minute' }) });
  await app.ready();
  return app;
}

const isProblem = (response: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
  assert.is(response.statusCode, status);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
};

const routes = suite<{ dir: string }>('the console pages');
routes.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'console-build-'));
  await mkdir(join(context.dir, 'assets'));
  await writeFile(join(context.dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc.js">');
  await writeFile(join(context.dir, 'assets', 'index-abc.js'), 'export {}');
  await writeFile(join(context.dir, 'assets', 'notes.txt'), 'not a kind of file the console ships');
});
routes.after(async ({ dir }) => rm(dir, { recursive: true, force: true }));

routes('the page: HTML, not cached, a CSP allowing only this hub; assets cached for a year', async ({ dir }) => {
  const app = await serve(dir);
  const page = await app.inject({ method: 'GET', url: '/' });
  assert.is(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.is(page.headers['cache-control'], 'no-cache');
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/, 'no inline or remote script');
  assert.match(csp, /frame-ancestors 'none'/);
  const script = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
  assert.is(script.statusCode, 200);
  assert.match(String(script.headers['content-type']), /^text\/javascript/);
  assert.match(String(script.headers['cache-control']), /immutable/);
  await app.close();
});

routes('unknown, traversing, oversized or odd asset names: 4xx problem+json', async ({ dir }) => {
  const app = await serve(dir);
  isProblem(await app.inject({ method: 'GET', url: '/assets/index-zzz.js' }), 404);
  isProblem(await app.inject({ method: 'GET', url: '/assets/notes.txt' }), 404);
  isProblem(await app.inject({ method: 'GET', url: '/assets/..%2Findex.html' }), 400);
  isProblem(await app.inject({ method: 'GET', url: '/assets/..%2F..%2Fpackage.json' }), 400);
  // Longer than Fastify's longest path parameter (100): refused before the route.
  isProblem(await app.inject({ method: 'GET', url: `/assets/${'a'.repeat(200)}.js` }), 414);
  isProblem(await app.inject({ method: 'GET', url: `/assets/${'a'.repeat(95)}~x.js` }), 400);
  isProblem(await app.inject({ method: 'POST', url: '/', payload: { a: 1 } }), 404);
  await app.close();
});

routes('public, so rate-limited per client', async ({ dir }) => {
  const app = await serve(dir, 3);
  for (let i = 0; i < 3; i++) assert.is((await app.inject({ method: 'GET', url: '/' })).statusCode, 200);
  isProblem(await app.inject({ method: 'GET', url: '/' }), 429);
  await app.close();
});

routes('a hub installed without building the console says how to build it', async () => {
  const app = await serve(join(tmpdir(), 'no-such-console-build'));
  const response = await app.inject({ method: 'GET', url: '/' });
  isProblem(response, 404);
  assert.match(response.json().detail, /pnpm console:build/);
  await app.close();
});

routes.run();
