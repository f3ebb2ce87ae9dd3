import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ownerFile = 'owner.pid';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A temporary home for a server, tagged with our pid. A run killed with SIGKILL cannot clean up
 * after itself (its servers die with it, their folders stay), so each new one first removes the
 * folders of the same kind whose owner is gone.
 */
export async function createWorkDir(prefix: string): Promise<string> {
  const root = tmpdir();
  for (const entry of await readdir(root)) {
    if (!entry.startsWith(prefix)) continue;
    const owner = Number(await readFile(join(root, entry, ownerFile), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(owner) && owner > 0 && !isProcessAlive(owner)) {
      await rm(join(root, entry), { recursive: true, force: true });
    }
  }
  const dir = await mkdtemp(join(root, prefix));
  await writeFile(join(dir, ownerFile), String(process.pid));
  return dir;
}
