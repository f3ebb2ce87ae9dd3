import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '@hub/logger';
import { type LocalSmtpRelay, startLocalSmtpRelay } from '@hub/replies/testing';
import { requireChromium } from '@hub/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildConsole } from '../../../../scripts/console.ts';
import { type ComposedHub, composeHub } from '../compose-hub.ts';
import { loadConfig } from '../config.ts';
import { CHANNEL_TOKEN } from './agent-workspace.fixture.ts';

// What the console's Chromium tests share: a hub serving the built console, a browser, a signed-in
// page, axe-core's findings and screenshots in test-artefacts/console/ for a person to look at.

export const ADMIN_EMAIL = 'admin@shop.example';
export const ADMIN_PASSWORD = 'console-admin-password-123';
export const AGENT_TOKEN = 'agent-token-for-tests-456789';
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const artefacts = fileURLToPath(new URL('../../../../test-artefacts/console/', import.meta.url));

export interface ConsoleHub {
  readonly hub: ComposedHub;
  /** The console's address, ending in '/'. */
  readonly url: string;
  readonly relay: LocalSmtpRelay;
  readonly browser: Browser;
  stop(): Promise<void>;
}

/**
 * The console built (when stale), a hub serving it with an admin and an SMTP sink, and Chromium.
 * `env` is the backend's (HUB_DATA_DIR alone is the embedded default; one is made when absent).
 */
export async function startConsoleHub(env: Readonly<Record<string, string>> = {}): Promise<ConsoleHub> {
  await buildConsole({ ifStale: true });
  const relay = await startLocalSmtpRelay();
  const ownDataDir = env.HUB_DATA_DIR ? undefined : await mkdtemp(join(tmpdir(), 'hub-console-'));
  const hub = await composeHub(
    loadConfig({
      ...(ownDataDir ? { HUB_DATA_DIR: ownDataDir } : {}),
      ...env,
      HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
      HUB_AGENT_TOKEN: AGENT_TOKEN,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_ADMIN_EMAIL: ADMIN_EMAIL,
      HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      HUB_SMTP_RELAY_URL: relay.url,
      HUB_REPLY_FROM: 'support@shop.example',
    }),
    silentLogger(),
  );
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    args: ['--no-sandbox', '--disable-background-networking'],
    headless: true,
  });
  return {
    hub,
    url,
    relay,
    browser,
    async stop() {
      await browser.close();
      await hub.stop();
      await relay.stop();
      if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
    },
  };
}

/** A new browser context signed in as `email` (the admin unless named), on the inbox. */
export async function signedInPage(
  consoleHub: Pick<ConsoleHub, 'browser' | 'url'>,
  viewport: { width: number; height: number },
  locale: 'en' | 'fa',
  options: { live?: boolean; email?: string; password?: string } = {},
) {
  const browserContext = await consoleHub.browser.newContext({
    viewport,
    locale: locale === 'fa' ? 'fa-IR' : 'en-GB',
  });
  const page = await browserContext.newPage();
  if (options.live === false) await page.route('**/v1/live*', (route) => route.abort());
  const errors: string[] = [];
  page.on('console', (message) => {
    // A failed request is logged with its address below instead.
    if (message.type() === 'error' && !/^Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  page.on('response', (response) => {
    // Before sign-in, the console asks who is signed in and is told 401: that is no error.
    if (response.status() >= 400 && !(response.status() === 401 && response.url().endsWith('/v1/auth/me')))
      errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(consoleHub.url);
  await page.locator('input[name=email]').fill(options.email ?? ADMIN_EMAIL);
  await page.locator('input[name=password]').fill(options.password ?? ADMIN_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.locator('.rows').waitFor({ timeout: 15_000 });
  return { page, errors, close: () => browserContext.close() };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is (run over CDP: the CSP stays on). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const { violations } = await page.evaluate<{
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  }>(`axe.run(document, { resultTypes: ['violations'] })`);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** A full-page screenshot in test-artefacts/console/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(artefacts, { recursive: true });
  await page.screenshot({ path: join(artefacts, `${name}.png`), fullPage: true });
}

/** Whether the page scrolls sideways at its width (px too wide; 0 or less is fine). */
export const overflowOf = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
