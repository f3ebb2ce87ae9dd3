import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ShardLauncher } from '@hub/projections';

const hubCommand = fileURLToPath(new URL('../../../scripts/hub.ts', import.meta.url));

/**
 * The workers of a sharded replay as child processes of this one (`pnpm hub replay-shard <id>
 * --shard n/N` each, with this process's environment, so the same database and store): resolves
 * when all have exited, rejects when one failed. Their output goes to this process's stderr.
 */
export function localShardWorkers(count: number): ShardLauncher {
  return {
    count,
    async launch({ replayId }) {
      const exits = Array.from({ length: count }, (_, index) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', hubCommand, 'replay-shard', replayId, '--shard', `${index + 1}/${count}`, '--quiet'],
          { stdio: ['ignore', 'inherit', 'inherit'], env: process.env },
        );
        return new Promise<void>((resolve, reject) => {
          child.once('error', reject);
          child.once('exit', (code, signal) =>
            code === 0 ? resolve() : reject(new Error(`shard ${index + 1}/${count} exited with ${signal ?? code}`)),
          );
        });
      });
      await Promise.all(exits);
    },
  };
}
