import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, findFreePort, singleBrokerDurability, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));

interface RunningHub {
  readonly url: string;
  readonly lines: Record<string, unknown>[];
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  readonly child: ChildProcess;
}

/** Starts the hub as `npm start` does: its own process, configured only by the environment. */
const sharedSecrets = {
  HUB_CHANNEL_TOKEN: 'channel-token-0123456789',
  HUB_AGENT_TOKEN: 'agent-token-0123456789ab',
  HUB_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

async function runHub(env: Record<string, string>): Promise<RunningHub> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
    env: { PATH: process.env.PATH ?? '', HUB_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (chunk) => {
    const text = partial + String(chunk);
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) lines.push(JSON.parse(line));
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { url: `http://127.0.0.1:${port}`, lines, stderr: () => stderr, exited, child };
}

const started = (hub: RunningHub) =>
  waitFor(
    async () => hub.lines.find((l) => l.msg === 'hub started') ?? (hub.child.exitCode !== null ? null : undefined),
    {
      timeoutMs: 60_000,
      what: 'the hub to log "hub started"',
    },
  ).then((line) => {
    if (!line) throw new Error(`the hub exited early: ${hub.stderr()}`);
  });

const health = async (hub: RunningHub) => {
  const response = await fetch(`${hub.url}/health`);
  return {
    status: response.status,
    body: (await response.json()) as { dependencies: Record<string, { ok: boolean; kind: string }> },
  };
};

const process_ = suite<{ dataDir: string }>('the hub process');

process_.before(async (context) => {
  context.dataDir = await mkdtemp(join(tmpdir(), 'hub-process-'));
});
process_.after(async ({ dataDir }) => {
  await rm(dataDir, { recursive: true, force: true });
});

process_(
  'starts on the embedded default with no server at all, reports healthy, stops gracefully on SIGTERM',
  async ({ dataDir }) => {
    const hub = await runHub({ HUB_DATA_DIR: dataDir });
    await started(hub);
    const { status, body } = await health(hub);
    assert.is(status, 200);
    assert.equal(body.dependencies.eventStore, { ok: true, kind: 'pglite' });
    assert.equal(body.dependencies.bus, { ok: true, kind: 'in-process' });
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
  assert.match(hub.stderr(), /HUB_PORT: .*"not-a-port"/);
  assert.match(hub.stderr(), /DATABASE_URL: required when HUB_EVENT_STORE=postgres/);
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
