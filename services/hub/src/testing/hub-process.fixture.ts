import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFreePort, waitFor } from '@hub/testing';

const mainFile = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface RunningHub {
  readonly url: string;
  readonly lines: Record<string, unknown>[];
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  readonly child: ChildProcess;
}

/** Tokens and master key that every process of one hub must share. */
export const sharedSecrets = {
  HUB_CHANNEL_TOKEN: 'channel-token-0123456789',
  HUB_AGENT_TOKEN: 'agent-token-0123456789ab',
  HUB_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

const running = new Set<RunningHub>();

/**
 * Kills every hub a test started and left running (it failed before stopping it), and waits for
 * them to exit: only then can its data folder be removed.
 */
export async function killLeftoverHubs(): Promise<void> {
  const left = [...running].filter((hub) => hub.child.exitCode === null && hub.child.signalCode === null);
  for (const hub of left) hub.child.kill('SIGKILL');
  await Promise.all(left.map((hub) => hub.exited));
  running.clear();
}

/** Starts the hub as `npm start` does: its own process, configured only by the environment. */
export async function runHub(env: Record<string, string>): Promise<RunningHub> {
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
  const hub = { url: `http://127.0.0.1:${port}`, lines, stderr: () => stderr, exited, child };
  running.add(hub);
  return hub;
}

/** Resolves once the hub logs "hub started"; rejects with its stderr when it exits before. */
export const started = (hub: RunningHub) =>
  waitFor(
    async () => hub.lines.find((l) => l.msg === 'hub started') ?? (hub.child.exitCode !== null ? null : undefined),
    {
      // Alone it starts in about 25 s with Kafka down (it gives the writer 15 s to join); beside
      // the rest of the suite, compiling and migrating on a busy machine, that took over 60 s.
      timeoutMs: 120_000,
      what: 'the hub to log "hub started"',
    },
  ).then((line) => {
    if (!line) {
      // main.ts logs why it failed to start as a pino line on stdout, not on stderr.
      const fatal = hub.lines.filter((l) => typeof l.level === 'number' && l.level >= 50).map((l) => JSON.stringify(l));
      throw new Error(`the hub exited early (code ${hub.child.exitCode}): ${[...fatal, hub.stderr()].join('\n')}`);
    }
  });

export const health = async (hub: RunningHub) => {
  const response = await fetch(`${hub.url}/health`);
  return {
    status: response.status,
    body: (await response.json()) as { dependencies: Record<string, { ok: boolean; kind: string }> },
  };
};
