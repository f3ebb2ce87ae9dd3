import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, findFreePort, singleBrokerDurability, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { health, killLeftoverHubs, runHub, sharedSecrets, started } from './testing/hub-process.fixture.ts';

const process_ = suite<{ dataDir: string }>('the hub process');

process_.before(async (context) => {
  context.dataDir = await mkdtemp(join(tmpdir(), 'hub-process-'));
});
process_.after(async ({ dataDir }) => {
  await killLeftoverHubs();
  await rm(dataDir, { recursive: true, force: true });
});

process_(
  'starts on the embedded default with no server at all, reports healthy, stops gracefully on SIGTERM',
  async ({ dataDir }) => {
    const hub = await runHub({ HUB_DATA_DIR: dataDir });
    await started(hub);
    // Healthy once the embedded database answers within the probe's 2 s: right after the start,
    // beside a busy suite, the projections' first catch-up can hold its one connection longer.
    let last: Awaited<ReturnType<typeof health>> | undefined;
    const { body } = await waitFor(
      async () => {
        last = await health(hub);
        return last.status === 200 ? last : undefined;
      },
      { timeoutMs: 60_000, what: 'GET /health 200' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last: ${last?.status} ${JSON.stringify(last?.body)}`);
    });
    assert.equal(body.dependencies.eventStore, { ok: true, kind: 'pglite' });
    assert.equal(body.dependencies.bus, { ok: true, kind: 'in-process' });
    assert.equal(body.dependencies.database, { ok: true, kind: 'pglite' });
    const ready = (await (await fetch(`${hub.url}/health/ready`)).json()) as {
      projections: Record<string, { state: string; stalled: boolean }>;
    };
    assert.is(ready.projections.timeline?.stalled, false);
    const live = await fetch(`${hub.url}/health/live`);
    assert.is(live.status, 200);
    hub.child.kill('SIGTERM');
    assert.is(await hub.exited, 0);
    assert.ok(
      hub.lines.some((l) => l.msg === 'hub stopped'),
      'logs that it stopped',
    );
    assert.ok(
      hub.lines.every((l) => typeof l.level === 'number' && typeof l.time === 'string'),
      'every stdout line is a pino JSON line',
    );
  },
);

process_('bad configuration: a clear message naming the variable, and a non-zero exit', async () => {
  const hub = await runHub({ HUB_PORT: 'not-a-port', HUB_EVENT_STORE: 'postgres' });
  assert.is(await hub.exited, 78);
  assert.match(hub.stderr(), /HUB_PORT: /);
  assert.not.match(hub.stderr(), /not-a-port/, 'the value is not echoed');
  assert.match(hub.stderr(), /DATABASE_URL: required when HUB_EVENT_STORE=postgres/);
});

process_('a damaged secrets.json stops the start (78), naming the file, and is left as it was', async ({ dataDir }) => {
  const folder = join(dataDir, 'damaged-secrets');
  await mkdir(folder);
  const file = join(folder, 'secrets.json');
  await writeFile(file, '{"channelToken": "abc', { mode: 0o600 });
  const hub = await runHub({ HUB_DATA_DIR: folder });
  // A hub that starts anyway (with new keys) must fail the test, not hang it.
  const outcome = await waitFor(
    async () =>
      hub.child.exitCode !== null ? 'exited' : hub.lines.some((l) => l.msg === 'hub started') ? 'started' : undefined,
    { timeoutMs: 60_000, what: 'the hub to exit or start' },
  );
  if (outcome === 'started') hub.child.kill('SIGKILL');
  assert.is(outcome, 'exited', 'the hub must not start on a damaged secrets file');
  assert.is(await hub.exited, 78);
  assert.ok(hub.stderr().includes(`${file} is not valid JSON`), hub.stderr());
  assert.is(await readFile(file, 'utf8'), '{"channelToken": "abc');
});

process_('on PostgreSQL and Kafka, health names both and both answer', async () => {
  const database = await createTestDatabase({ prefix: 'hub_process' });
  const brokers = process.env.KAFKA_BROKERS;
  try {
    const hub = await runHub({
      DATABASE_URL: database.url,
      ...(brokers
        ? {
            ...sharedSecrets,
            ...singleBrokerDurability,
            KAFKA_BROKERS: brokers,
            HUB_KAFKA_TOPIC: `hub-process-${process.pid}`,
          }
        : {}),
    });
    await started(hub);
    const { status, body } = await health(hub);
    assert.is(status, 200, JSON.stringify(body));
    assert.equal(body.dependencies.eventStore, { ok: true, kind: 'postgres' });
    if (brokers)
      assert.equal({ ...body.dependencies.bus, detail: undefined }, { ok: true, kind: 'kafka', detail: undefined });
    hub.child.kill('SIGINT');
    assert.is(await hub.exited, 0);
  } finally {
    await database.drop();
  }
});

process_('a Kafka that does not answer makes the hub report degraded (503), naming the bus', async ({ dataDir }) => {
  const deadPort = await findFreePort();
  const hub = await runHub({
    ...sharedSecrets,
    HUB_DATA_DIR: join(dataDir, 'kafka-down'),
    KAFKA_BROKERS: `127.0.0.1:${deadPort}`,
  });
  await started(hub);
  const { status, body } = await health(hub);
  assert.is(status, 503);
  assert.equal({ ok: body.dependencies.bus?.ok, kind: body.dependencies.bus?.kind }, { ok: false, kind: 'kafka' });
  assert.equal(body.dependencies.eventStore, { ok: true, kind: 'pglite' });
  hub.child.kill('SIGTERM');
  assert.is(await hub.exited, 0);
});

process_.run();
