import { existsSync } from 'node:fs';
import { installCommand } from './provision/debian-packages.ts';
import { chromiumPath } from './provision/machine-requirements.ts';

/**
 * The Chromium executable for browser tests. The runner installs it and says where
 * (`HUB_TEST_CHROMIUM`) or why not (`HUB_TEST_CHROMIUM_MISSING`); a file run alone looks at
 * Debian's path. Missing, it throws the command to run: a browser test never skips quietly.
 */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HUB_TEST_CHROMIUM_MISSING) throw new Error(env.HUB_TEST_CHROMIUM_MISSING);
  const path = env.HUB_TEST_CHROMIUM ?? chromiumPath;
  if (existsSync(path)) return path;
  throw new Error(
    `no Chromium at ${path}: run \`${installCommand(['chromium'], process.getuid?.())}\`, or \`npm test\`, which installs it`,
  );
}
