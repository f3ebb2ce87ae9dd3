import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireChromium } from '@hub/testing';
import { chromium } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registerWidgetRoutes } from '../routes/widget.routes.ts';
import { buildTestGateway } from '../testing/test-gateway.ts';

// The demo page in a real Chromium (Debian's, driven by playwright-core). The test runner installs
// Chromium when missing; where it cannot, this test fails with the command to run, never skips.
// A screenshot of the chat as the visitor sees it goes to test-artefacts/ for a person to look at.
const artefacts = fileURLToPath(new URL('../../../../test-artefacts/', import.meta.url));

const PERSIAN = 'سلام! سفارش ۱۲۳۴ من کجاست؟ <img src=x onerror="document.title=1">';
const demo = suite('the widget demo page in Chromium');

demo('a visitor writes Persian text and sees it delivered; a reload keeps the visitor', async () => {
  const executablePath = requireChromium();
  const { app, intake } = await buildTestGateway({}, registerWidgetRoutes);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking'],
    headless: true,
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${port}/v1/channels/chat/widget/demo`);
    await page.locator('[data-hub-chat] button[type=button]').click();
    const input = page.locator('[data-hub-chat] textarea');
    assert.is(await input.getAttribute('dir'), 'auto');
    await input.fill(PERSIAN);
    await input.press('Enter');
    await page.locator('[data-hub-chat] li[data-state=delivered]').waitFor({ timeout: 10_000 });
    const recorded = intake.accepted[0]?.interactions[0];
    assert.is(recorded?.text, PERSIAN, 'stored exactly');
    assert.is(await page.locator('[data-hub-chat] li span').textContent(), PERSIAN, 'shown as text');
    assert.is(await page.locator('[data-hub-chat] img').count(), 0, 'never parsed as HTML');
    await mkdir(artefacts, { recursive: true });
    await page.screenshot({ path: join(artefacts, 'widget-demo.png') });
    await page.reload();
    await page.locator('[data-hub-chat] button[type=button]').click();
    await page.locator('[data-hub-chat] textarea').fill('دوباره');
    await page.locator('[data-hub-chat] textarea').press('Enter');
    await page.locator('[data-hub-chat] li[data-state=delivered]').waitFor({ timeout: 10_000 });
    const handles = intake.accepted.map((call) => call.interactions[0]?.contact.identifiers[0]?.value);
    assert.is(new Set(handles).size, 1, 'the visitor id survived the reload');
    assert.equal(errors, [], 'no console errors (CSP included)');
  } finally {
    await browser.close();
    await app.close();
  }
});

demo.run();
