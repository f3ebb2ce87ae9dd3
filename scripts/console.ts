// `pnpm console:build`: builds the agent console (services/console/web) with Vite into
// services/console/dist, which the hub serves at `/`; `--if-stale` skips it when the build is newer
// than every source (what `npm start` and the test runner do). `pnpm console:api-types` writes the
// console's API types from the hub's OpenAPI document.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const consoleRoot = resolve(fileURLToPath(import.meta.url), '../../services/console');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the console unless `ifStale` and the build is newer than its sources; true when it built. */
export async function buildConsole(options: { ifStale: boolean }): Promise<boolean> {
  const built = join(consoleRoot, 'dist', 'index.html');
  const sources = Math.max(newestSource(join(consoleRoot, 'web')), statSync(join(consoleRoot, 'package.json')).mtimeMs);
  if (options.ifStale && existsSync(built) && statSync(built).mtimeMs >= sources) return false;
  const { build } = await import('vite');
  await build({
    root: join(consoleRoot, 'web'),
    logLevel: 'warn',
    configFile: join(consoleRoot, 'web', 'vite.config.ts'),
  });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'if-stale': { type: 'boolean' } },
  });
  const [command] = positionals;
  if (command === 'build') {
    const started = Date.now();
    if (await buildConsole({ ifStale: values['if-stale'] ?? false }))
      console.error(`console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else if (command === 'api-types') {
    const { apiTypesOf, apiTypesPath } = await import('../services/console/src/index.ts');
    const { hubOpenApiDocument } = await import('../services/hub/src/openapi-document.ts');
    await writeFile(apiTypesPath, await apiTypesOf(await hubOpenApiDocument()));
    console.error(`console: wrote ${fileURLToPath(apiTypesPath)}`);
  } else {
    console.error('usage: pnpm console:build [--if-stale] | pnpm console:api-types');
    process.exit(2);
  }
}
