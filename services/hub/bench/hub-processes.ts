import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findFreePort, waitFor } from '@hub/testing';

const mainFile = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** The Node flags `pnpm hub:start` (and so `npm start` and the image) runs the hub with. */
const hubStartFlags = (): string[] => {
  const root = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  // The command that runs main.ts: what comes before it (`console.ts build --if-stale &&`) is not the hub's.
  return (String(root.scripts['hub:start']).split('&&').at(-1) ?? '')
    .split(' ')
    .filter((word) => word.startsWith('--'));
};

export interface HubProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** The hub as an operator runs it: its own process, configured by the environment only. */
export async function startHubProcess(env: Record<string, string>): Promise<HubProcess> {
  const port = await findFreePort();
  // e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/profiles' profiles each hub process.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...hubStartFlags(), ...nodeArgs, '--import', 'tsx', mainFile], {
    env: {
      PATH: process.env.PATH ?? '',
      HUB_LOG_LEVEL: 'info',
      ...env,
      HUB_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let started = false;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (started) return;
    output += chunk.toString('utf8');
    started = output.includes('"msg":"hub started"');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await waitFor(async () => started || (child.exitCode !== null ? null : undefined), {
    timeoutMs: 60_000,
    what: `the hub (${env.HUB_ROLES ?? 'all roles'}) to start`,
  })
    .then((ok) => {
      if (!ok) throw new Error(`the hub exited early:\n${output.slice(-4000)}`);
    })
    .catch(async (error: unknown) => {
      // A hub that did not start in time is not left running behind the benchmark.
      child.kill('SIGTERM');
      await exited;
      throw error;
    });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
