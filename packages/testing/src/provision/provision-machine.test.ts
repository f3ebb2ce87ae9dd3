import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requireChromium } from '../chromium.provider.ts';
import type { MachineRequirement } from './debian-packages.ts';
import { provisionMachine } from './provision-machine.ts';
import { testMachineRequirements } from './test-machine.ts';

/** A requirement that becomes present once an install delivers all of its packages. */
function fakeRequirement(name: string, packages: string[], installed: Set<string>): MachineRequirement {
  return { name, packages, isPresent: () => packages.every((p) => installed.has(p)) };
}

function machine(initially: string[] = []) {
  const installed = new Set(initially);
  const calls: string[][] = [];
  const install = async (packages: readonly string[]) => {
    calls.push([...packages]);
    for (const p of packages) installed.add(p);
  };
  const dovecot = fakeRequirement('dovecot', ['dovecot-core', 'dovecot-imapd'], installed);
  const chromium = fakeRequirement('chromium', ['chromium'], installed);
  return { installed, calls, install, dovecot, chromium };
}

const provision = suite('provisioning the test machine (a recording installer in place of apt-get)');

provision('everything missing is installed in one go, as root', async () => {
  const m = machine();
  const unavailable = await provisionMachine([m.dovecot, m.chromium], {
    env: {},
    uid: 0,
    hasAptGet: true,
    install: m.install,
  });
  assert.equal(m.calls, [['dovecot-core', 'dovecot-imapd', 'chromium']]);
  assert.is(unavailable.size, 0);
});

provision('nothing missing: no apt-get at all', async () => {
  const m = machine(['dovecot-core', 'dovecot-imapd', 'chromium']);
  await provisionMachine([m.dovecot, m.chromium], { env: {}, uid: 0, hasAptGet: true, install: m.install });
  assert.equal(m.calls, []);
});

provision('HUB_TEST_INSTALL=0 installs nothing and names the exact command', async () => {
  const m = machine(['chromium']);
  const unavailable = await provisionMachine([m.dovecot, m.chromium], {
    env: { HUB_TEST_INSTALL: '0' },
    uid: 0,
    hasAptGet: true,
    install: m.install,
  });
  assert.equal(m.calls, []);
  assert.equal([...unavailable.keys()], ['dovecot']);
  const message = unavailable.get('dovecot') ?? '';
  assert.ok(message.includes('HUB_TEST_INSTALL=0'), message);
  assert.ok(message.includes('`apt-get update && apt-get install -y dovecot-core dovecot-imapd`'), message);
});

provision('not root: nothing installed, the command says sudo', async () => {
  const m = machine();
  const unavailable = await provisionMachine([m.chromium], { env: {}, uid: 1000, hasAptGet: true, install: m.install });
  assert.equal(m.calls, []);
  assert.match(unavailable.get('chromium') ?? '', /`sudo apt-get update && sudo apt-get install -y chromium`/);
});

provision('a failed install is reported with its reason and the command', async () => {
  const m = machine();
  const unavailable = await provisionMachine([m.chromium], {
    env: {},
    uid: 0,
    hasAptGet: true,
    install: async () => {
      throw new Error('apt-get install failed: E: Unable to locate package chromium');
    },
  });
  const message = unavailable.get('chromium') ?? '';
  assert.match(message, /Unable to locate package chromium/);
  assert.match(message, /apt-get install -y chromium/);
});

provision('servers named by the environment or given by Docker need nothing installed', () => {
  const names = (env: NodeJS.ProcessEnv, docker = false, postgresAnswers = false) =>
    testMachineRequirements({ env, docker, postgresAnswers }).map((r) => r.name);
  assert.equal(names({}), ['chromium', 'dovecot', 'java', 'maven', 'postgresql']);
  assert.equal(names({}, false, true), ['chromium', 'dovecot', 'java', 'maven']);
  assert.equal(names({}, true), ['chromium', 'dovecot']);
  assert.equal(names({ IMAP_URL: 'imap://a:b@mail:143', KAFKA_BROKERS: 'k:9092', DATABASE_URL: 'postgres://db/x' }), [
    'chromium',
  ]);
});

provision('a browser test without Chromium fails with the runner message, or the command to run', () => {
  assert.throws(
    () =>
      requireChromium({ HUB_TEST_CHROMIUM_MISSING: 'chromium is not installed: run `apt-get install -y chromium`' }),
    /chromium is not installed: run `apt-get install -y chromium`/,
  );
  assert.throws(() => requireChromium({ HUB_TEST_CHROMIUM: '/nonexistent/chromium' }), /apt-get install -y chromium/);
});

provision.run();
