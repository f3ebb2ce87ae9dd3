#!/usr/bin/env node
// The Quick start's entry: `npm start` / `npm test` work on a machine that has only Node and npm.
// It fetches the pinned pnpm from the npm registry when none is installed, installs the workspace
// when the lockfile changed, then runs the named root script. Plain JavaScript on purpose: it runs
// before TypeScript tooling exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/bootstrap.mjs <root script> [args...]\n');
  process.exit(2);
}

const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z
const pinnedMajor = pinned.split('@')[1].split('.')[0];

function pnpmCommand() {
  const local = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (local.status === 0 && local.stdout.trim().split('.')[0] === pinnedMajor) return ['pnpm'];
  return ['npx', '--yes', pinned];
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'pnpm-lock.yaml')).mtimeMs > statSync(marker).mtimeMs;
}

const pnpm = pnpmCommand();
const run = (argv, opts = {}) =>
  spawnSync(pnpm[0], [...pnpm.slice(1), ...argv], { cwd: root, stdio: 'inherit', ...opts });

if (needsInstall()) {
  process.stderr.write(`bootstrap: installing the workspace with ${pinned}\n`);
  const install = run(['install', '--frozen-lockfile']);
  if (install.status !== 0) process.exit(install.status ?? 1);
}

// Signals go to the child so the hub shuts down gracefully and test servers are stopped.
const child = spawn(pnpm[0], [...pnpm.slice(1), '--silent', 'run', script, ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
