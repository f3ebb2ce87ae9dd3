import { execFileSync, type SpawnOptions, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';

export interface OwnedProcessOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** stdout and stderr of the process are appended here. */
  readonly logFile: string;
  /** The graceful stop signal (`SIGTERM` for the JVM, `SIGINT` = fast shutdown for PostgreSQL). */
  readonly stopSignal: NodeJS.Signals;
  /** Sent when our own process ends first: no waiting, no orphan left behind. */
  readonly orphanSignal: NodeJS.Signals;
  /** An OS user to run as; honoured only when we are root (PostgreSQL refuses to run as root). */
  readonly runAs?: string;
  /** Removed (best effort) if our process exits while the child still runs. */
  readonly removeOnExit?: string;
}

export interface OwnedProcess {
  readonly pid: number | undefined;
  /** Settles with a description of how the process ended; never rejects. */
  readonly exited: Promise<string>;
  stop(graceMs?: number): Promise<void>;
}

const setprivPath = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));

/** Numeric ids of an OS user (`id -u`, `id -g`), for running a server as that user. */
export function osUserIds(user: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts a server process that cannot outlive us: an `exit` hook signals it when Node exits
 * normally, and on Linux `setpriv --pdeathsig` makes the kernel signal it even if we are killed
 * with SIGKILL. (The death signal follows the spawning thread: spawn from the main thread.)
 */
export function spawnOwned(options: OwnedProcessOptions): OwnedProcess {
  const asUser = options.runAs !== undefined && process.getuid?.() === 0 ? osUserIds(options.runAs) : undefined;
  const log = openSync(options.logFile, 'a');
  const spawnOptions: SpawnOptions = { stdio: ['ignore', log, log] };
  let command = options.command;
  let args = [...options.args];
  if (setprivPath) {
    const ids = asUser ? [`--reuid=${asUser.uid}`, `--regid=${asUser.gid}`, '--init-groups'] : [];
    args = [...ids, `--pdeathsig=${options.orphanSignal}`, '--', command, ...args];
    command = setprivPath;
  } else if (asUser) {
    Object.assign(spawnOptions, asUser);
  }
  const child = spawn(command, args, spawnOptions);
  closeSync(log);

  const onParentExit = () => {
    child.kill(options.orphanSignal);
    if (options.removeOnExit) rmSync(options.removeOnExit, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', onParentExit);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not start ${options.command}: ${error.message}`));
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
  }).finally(() => process.off('exit', onParentExit));

  let ended = false;
  void exited.then(() => {
    ended = true;
  });

  async function stop(graceMs = 20_000): Promise<void> {
    if (ended) return;
    child.kill(options.stopSignal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  return { pid: child.pid, exited, stop };
}

/** The last lines of a server's log, for error messages that explain a failed start. */
export function readLogTail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}
