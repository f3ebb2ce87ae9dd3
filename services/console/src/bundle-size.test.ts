import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildConsole } from '../../../scripts/console.ts';
import { consoleAssetsDir } from './console.routes.ts';

// What an agent's browser downloads before the first screen: issue 11's budget is 250 KB of
// JavaScript, gzipped. A size, not a speed: deterministic, so a test rather than a benchmark.
const BUDGET_BYTES = 250 * 1024;

const bundle = suite('the console build');

bundle('its JavaScript is within 250 KB gzipped', async () => {
  await buildConsole({ ifStale: true });
  const assets = join(consoleAssetsDir, 'assets');
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  assert.ok(scripts.length > 0, 'the build has scripts');
  let gzipped = 0;
  for (const name of scripts) gzipped += gzipSync(await readFile(join(assets, name)), { level: 9 }).length;
  assert.ok(gzipped <= BUDGET_BYTES, `${Math.round(gzipped / 1024)} KB gzipped`);
});

bundle.run();
