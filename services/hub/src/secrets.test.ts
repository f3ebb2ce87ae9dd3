import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from './config.ts';
import { loadSecrets } from './secrets.ts';
import { writeSecretsFile } from './secrets-file.ts';

interface Context {
  dataDir: string;
}

const secrets = suite<Context>('the generated secrets file of the embedded default');
secrets.before.each(async (context) => {
  context.dataDir = await mkdtemp(join(tmpdir(), 'hub-secrets-'));
});
secrets.after.each(async ({ dataDir }) => {
  await rm(dataDir, { recursive: true, force: true });
});

const load = (dataDir: string) => loadSecrets(loadConfig({ HUB_DATA_DIR: dataDir }));

const refusedNamingTheFile = async (dataDir: string, content: string, why: RegExp) => {
  const file = join(dataDir, 'secrets.json');
  await writeFile(file, content, { mode: 0o600 });
  try {
    await load(dataDir);
    assert.unreachable('a damaged secrets file must stop the start');
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_CONFIGURATION'), String(error));
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, why);
  }
  assert.is(await readFile(file, 'utf8'), content, 'the damaged file is left as it was, for recovery');
};

secrets('a fresh data folder gets one secrets.json (mode 600) that later starts reuse', async ({ dataDir }) => {
  const first = await load(dataDir);
  const second = await load(dataDir);
  assert.is(second.channelToken, first.channelToken);
  assert.ok(second.keys.transport.equals(first.keys.transport), 'the same master key');
  assert.is((await stat(join(dataDir, 'secrets.json'))).mode & 0o777, 0o600);
  assert.equal(await readdir(dataDir), ['secrets.json'], 'no temporary file left behind');
});

secrets('a truncated secrets.json is refused, not replaced with new keys', async ({ dataDir }) => {
  await refusedNamingTheFile(dataDir, '{\n  "channelToken": "abc', /not valid JSON/);
});

secrets('an empty secrets.json (a crash during an old write) is refused', async ({ dataDir }) => {
  await refusedNamingTheFile(dataDir, '', /not valid JSON/);
});

secrets('a secrets.json whose master key is not 32 bytes is refused', async ({ dataDir }) => {
  const content = JSON.stringify({ channelToken: 'c'.repeat(24), agentToken: 'a'.repeat(24), masterKey: 'c2hvcnQ=' });
  await refusedNamingTheFile(dataDir, content, /masterKey/);
});

secrets('a reader never sees a half-written secrets.json while it is rewritten', async ({ dataDir }) => {
  const file = join(dataDir, 'secrets.json');
  const stored = { channelToken: 'c'.repeat(4_000), agentToken: 'a'.repeat(4_000), masterKey: 'm'.repeat(44) };
  await writeSecretsFile(file, stored);
  let writing = true;
  const seen: string[] = [];
  const reader = (async () => {
    while (writing) {
      const text = await readFile(file, 'utf8');
      if (text !== `${JSON.stringify(stored, null, 2)}\n`) seen.push(text.slice(0, 40));
    }
  })();
  for (let round = 0; round < 300; round++) await writeSecretsFile(file, stored);
  writing = false;
  await reader;
  assert.equal(seen, [], 'every read saw the whole file');
  assert.is((await stat(file)).mode & 0o777, 0o600);
});

secrets.run();
