import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { loadConfig } from './config.ts';

// No Docker engine here: these read the files Docker would read and check them against the hub's
// own configuration rules, so a container that would exit 78 or listen on loopback fails here.
const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const dockerfile = readFileSync(repo('infra/Dockerfile'), 'utf8');
const compose = parse(readFileSync(repo('infra/compose.yaml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string | number>; env_file?: unknown; ports?: string[] }>;
};

/** `.env` lines as the README tells a user to make them. */
function generatedEnvFile(): Record<string, string> {
  const text = execFileSync(process.execPath, [repo('scripts/hub-secrets.mjs')], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** `ENV` instructions of the Dockerfile, continuation lines joined. */
function dockerfileEnv(): Record<string, string> {
  const joined = dockerfile.replace(/\\\n\s*/g, ' ');
  const pairs = [...joined.matchAll(/^ENV (.+)$/gm)].flatMap((m) => (m[1] ?? '').trim().split(/\s+/));
  return Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string]));
}

const deployment = suite('the container image and the compose file');

deployment(
  'the compose hub, with the README-made .env, passes the hub configuration and listens on all interfaces',
  () => {
    const hub = compose.services.hub;
    assert.ok(hub, 'a hub service');
    assert.equal(hub.env_file, [{ path: '.env', required: false }], 'reads infra/.env, optional for the servers alone');
    const environment = Object.fromEntries(Object.entries(hub.environment ?? {}).map(([k, v]) => [k, String(v)]));
    const env = { ...dockerfileEnv(), ...generatedEnvFile(), ...environment };
    const config = loadConfig(env);
    assert.is(config.host, '0.0.0.0');
    assert.ok(hub.ports?.includes(`127.0.0.1:${config.port}:${config.port}`), `publishes port ${config.port}`);
    assert.ok(config.kafkaBrokers && config.databaseUrl, 'the distributed mode');
  },
);

deployment('without the .env the compose hub stops naming the three secrets, none committed', () => {
  const environment = Object.fromEntries(
    Object.entries(compose.services.hub?.environment ?? {}).map(([k, v]) => [k, String(v)]),
  );
  for (const name of ['HUB_CHANNEL_TOKEN', 'HUB_AGENT_TOKEN', 'HUB_MASTER_KEY']) {
    assert.not.ok(name in environment, `${name} is not committed in compose.yaml`);
  }
  assert.throws(
    () => loadConfig(environment),
    /HUB_CHANNEL_TOKEN: required.*HUB_AGENT_TOKEN: required.*HUB_MASTER_KEY: required/,
  );
  assert.match(readFileSync(repo('.gitignore'), 'utf8'), /^infra\/\.env$/m);
  assert.match(readFileSync(repo('.dockerignore'), 'utf8'), /^infra\/\.env$/m);
});

deployment(
  'the image listens on 0.0.0.0 on the port it exposes, has a health check and production dependencies only',
  () => {
    const env = dockerfileEnv();
    assert.is(env.HUB_HOST, '0.0.0.0');
    assert.match(dockerfile, new RegExp(`^EXPOSE ${env.HUB_PORT}$`, 'm'));
    assert.match(dockerfile, /^HEALTHCHECK .*\n?.*\/health/m);
    assert.match(dockerfile, /^RUN pnpm .*install --frozen-lockfile --prod$/m);
    const hubPackage = JSON.parse(readFileSync(repo('services/hub/package.json'), 'utf8'));
    assert.ok(hubPackage.dependencies.tsx, 'tsx, which runs the hub, is a production dependency');
  },
);

deployment.run();
