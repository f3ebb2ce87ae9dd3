import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

const refused = suite('the hub refuses a bad configuration without writing the bad values anywhere');

refused(
  'a bad master key and an IMAP URL with a password: exit 78, both named, neither value in log or terminal',
  () => {
    const masterKey = 'c2VjcmV0LW1hc3Rlci1rZXktMTY=';
    const password = 'pa55-w0rd-of-sara';
    const run = spawnSync(tsx, [main], {
      env: {
        PATH: process.env.PATH,
        HUB_MASTER_KEY: masterKey,
        HUB_IMAP_URL: `imaps://sara:${password}@mail.example.ir:99999/INBOX`,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.is(run.status, 78, run.stderr);
    const line = JSON.parse(run.stdout.split('\n').find((l) => l.includes('"level":60')) ?? '{}');
    assert.match(line.msg, /HUB_MASTER_KEY: 32 bytes/);
    assert.match(line.msg, /HUB_IMAP_URL: a valid URL/);
    for (const output of [run.stdout, run.stderr]) {
      assert.not.ok(output.includes(masterKey), `master key in ${output}`);
      assert.not.ok(output.includes(password), `IMAP password in ${output}`);
    }
  },
);

refused.run();
