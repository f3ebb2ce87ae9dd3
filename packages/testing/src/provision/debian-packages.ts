import { execFile } from 'node:child_process';

/** Something the tests need from the machine, and the Debian packages that give it. */
export interface MachineRequirement {
  /** Short name for messages and the environment: `dovecot`, `chromium`, `java`, ... */
  readonly name: string;
  readonly packages: readonly string[];
  /** Whether the machine already has it (a binary on its usual path). */
  isPresent(): boolean;
}

/** Whether this run may install packages, and if not, why (said in every failure message). */
export type InstallPolicy = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Installing is allowed for root on a machine with apt-get, unless `HUB_TEST_INSTALL=0`: a
 * developer's laptop or a locked-down CI image says no once and gets a command to run instead.
 */
export function installPolicy(env: NodeJS.ProcessEnv, uid: number | undefined, hasAptGet: boolean): InstallPolicy {
  if (env.HUB_TEST_INSTALL === '0') return { allowed: false, reason: 'HUB_TEST_INSTALL=0 forbids installing' };
  if (!hasAptGet) return { allowed: false, reason: 'this machine has no apt-get' };
  if (uid !== 0) return { allowed: false, reason: 'installing needs root' };
  return { allowed: true };
}

/** The exact command a person runs to install what is missing. */
export function installCommand(packages: readonly string[], uid: number | undefined): string {
  const sudo = uid === 0 ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
}

/** Every missing package once, in the order the requirements name them. */
export function missingPackages(requirements: readonly MachineRequirement[]): string[] {
  const missing = requirements.filter((requirement) => !requirement.isPresent());
  return [...new Set(missing.flatMap((requirement) => requirement.packages))];
}

function runApt(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'apt-get',
      [...args],
      // Never a question on the terminal: the run would hang waiting for an answer nobody gives.
      { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024, timeout: 900_000 },
      (error, _stdout, stderr) =>
        error
          ? reject(new Error(`apt-get ${args.join(' ')} failed: ${stderr.trim().slice(-2_000) || error.message}`))
          : resolve(),
    );
  });
}

/** One `apt-get update` and one `apt-get install` for all the packages together. */
export async function installDebianPackages(packages: readonly string[]): Promise<void> {
  if (packages.length === 0) return;
  await runApt(['update', '-qq']);
  await runApt(['install', '-y', '-qq', ...packages]);
}
