import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findDovecotBinary } from '../servers/dovecot-local.ts';
import { findPostgresBinaries } from '../servers/postgres-local.ts';
import type { MachineRequirement } from './debian-packages.ts';

/** Where the browser tests find Chromium: Debian's package puts it here. */
export const chromiumPath = '/usr/bin/chromium';

export function isOnPath(command: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

export const requirements = {
  dovecot: {
    name: 'dovecot',
    packages: ['dovecot-core', 'dovecot-imapd'],
    isPresent: () => findDovecotBinary() !== undefined,
  },
  chromium: { name: 'chromium', packages: ['chromium'], isPresent: () => existsSync(chromiumPath) },
  java: { name: 'java', packages: ['openjdk-17-jre-headless'], isPresent: () => isOnPath('java') },
  maven: { name: 'maven', packages: ['maven'], isPresent: () => isOnPath('mvn') },
  postgresql: { name: 'postgresql', packages: ['postgresql'], isPresent: () => findPostgresBinaries() !== undefined },
} satisfies Record<string, MachineRequirement>;
