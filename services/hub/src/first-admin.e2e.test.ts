import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@hub/logger';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

// The embedded default on a fresh folder: the operator learns from the log where the first admin's
// password is, signs in with it, and a restart makes no second admin.
const first = suite<{ dir: string }>('the first start creates an admin');

first.before.each(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'hub-first-admin-'));
});
first.after.each(async ({ dir }) => {
  await rm(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const hub = await composeHub(
    loadConfig(env),
    createLogger({ service: 'hub-test', level: 'info', destination: sink }),
  );
  return { hub, lines };
}

const signIn = (hub: Awaited<ReturnType<typeof start>>['hub'], email: string, password: string) =>
  hub.app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email, password } });

first('without HUB_ADMIN_PASSWORD the password is generated into the secrets file, never logged', async ({ dir }) => {
  const { hub, lines } = await start({ HUB_DATA_DIR: dir });
  const file = join(dir, 'secrets.json');
  const secrets = JSON.parse(await readFile(file, 'utf8'));
  try {
    assert.type(secrets.adminPassword, 'string');
    const told = lines.map((line) => JSON.parse(line)).find((line) => line.msg?.startsWith('first admin created'));
    assert.ok(told, 'a log line says the admin was created');
    assert.is(told.adminEmail, 'admin@localhost', 'the operator configured it: it is not redacted');
    assert.is(told.passwordIn, file);
    assert.not.ok(lines.join('\n').includes(secrets.adminPassword), 'the password is not in the log');
    const response = await signIn(hub, 'admin@localhost', secrets.adminPassword);
    assert.is(response.statusCode, 200, response.body);
    assert.is(response.json().user.role, 'admin');
  } finally {
    await hub.stop();
  }
  const again = await start({ HUB_DATA_DIR: dir });
  try {
    assert.not.ok(
      again.lines.some((line) => line.includes('first admin created')),
      'a restart creates no admin',
    );
    const users = await again.hub.app.inject({
      method: 'GET',
      url: '/v1/users',
      headers: { authorization: `Bearer ${JSON.parse(await readFile(file, 'utf8')).agentToken}` },
    });
    assert.is(users.json().users.length, 1);
    assert.is((await signIn(again.hub, 'admin@localhost', secrets.adminPassword)).statusCode, 200);
  } finally {
    await again.hub.stop();
  }
});

first('HUB_ADMIN_EMAIL and HUB_ADMIN_PASSWORD name the first admin', async ({ dir }) => {
  const { hub } = await start({
    HUB_DATA_DIR: dir,
    HUB_ADMIN_EMAIL: 'Owner@Example.ir',
    HUB_ADMIN_PASSWORD: 'configured-admin-password',
  });
  try {
    const response = await signIn(hub, 'owner@example.ir', 'configured-admin-password');
    assert.is(response.statusCode, 200, response.body);
    const secrets = JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'));
    assert.is(secrets.adminPassword, undefined, 'nothing generated');
  } finally {
    await hub.stop();
  }
});

first.run();
