import { existsSync } from 'node:fs';
import {
  installCommand,
  installDebianPackages,
  installPolicy,
  type MachineRequirement,
  missingPackages,
} from './debian-packages.ts';

export interface ProvisionOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly uid?: number | undefined;
  readonly hasAptGet?: boolean;
  /** Installs the packages; the real one runs apt-get. */
  readonly install?: (packages: readonly string[]) => Promise<void>;
  /** Told before a (slow) install starts. */
  readonly onInstall?: (packages: readonly string[]) => void;
}

/** For each requirement still missing after provisioning: the message its tests fail with. */
export type Unavailable = ReadonlyMap<string, string>;

/**
 * Makes the machine meet the requirements: installs every missing Debian package in one go when
 * allowed, then checks again. Whatever is still missing gets a message naming the exact command,
 * so the tests that need it fail saying what to do instead of being skipped.
 */
export async function provisionMachine(
  requirements: readonly MachineRequirement[],
  options: ProvisionOptions = {},
): Promise<Unavailable> {
  const env = options.env ?? process.env;
  const uid = options.uid ?? process.getuid?.();
  const missing = missingPackages(requirements);
  if (missing.length === 0) return new Map();
  const policy = installPolicy(env, uid, options.hasAptGet ?? existsSync('/usr/bin/apt-get'));
  let failure = policy.allowed ? '' : policy.reason;
  if (policy.allowed) {
    options.onInstall?.(missing);
    try {
      await (options.install ?? installDebianPackages)(missing);
    } catch (error) {
      failure = `installing failed (${(error as Error).message})`;
    }
  }
  const unavailable = new Map<string, string>();
  for (const requirement of requirements) {
    if (requirement.isPresent()) continue;
    const why = failure || 'the packages installed but it is still not found';
    unavailable.set(
      requirement.name,
      `${requirement.name} is not installed and ${why}: run \`${installCommand(requirement.packages, uid)}\``,
    );
  }
  return unavailable;
}
