import { readFile } from 'node:fs/promises';
import { loudHook, waitFor } from '@hub/testing';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHANNEL_TOKEN, createColleagues, customerMail, postEmail, signIn } from './testing/agent-workspace.fixture.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  accessibilityProblems,
  type ConsoleHub,
  DESKTOP,
  overflowOf,
  PHONE,
  shot,
  signedInPage,
  startConsoleHub,
} from './testing/console-browser.fixture.ts';

// The analyst's screen of the console in Chromium, on the embedded default: a small history (two
// email conversations, one answered, resolved and rated 5; a contact from another system), then
// Nika the analyst reads it as charts in English and Persian at desktop and phone width, filters
// it, downloads a chart's figures as CSV, and is offered nothing she may not do.

const ANALYST = { email: 'nika@shop.example', password: 'a-long-password-123' };

interface Context extends ConsoleHub {
  admin: string;
  analyst: string;
  conversationId: string;
}

const inject = async (context: Context, method: 'GET' | 'POST' | 'PUT', url: string, token: string, body?: unknown) => {
  const response = await context.hub.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: (response.body ? response.json() : {}) as Record<string, unknown> };
};

/** A contact from another system (the generic channel), as its connector posts it. */
const generic = (externalId: string, text: string) => ({
  channel: 'generic',
  source: { system: 'crm-import', externalId },
  direction: 'inbound',
  occurredAt: new Date().toISOString(),
  contact: { identifiers: [{ kind: 'email', value: 'mina@example.ir' }], displayName: 'Mina Karimi' },
  threadKey: externalId,
  summary: text,
  text,
  html: null,
  details: { channel: 'generic', system: 'crm-import', externalId, attributes: {} },
});

const analytics = suite<Context>('the analytics screen of the console in Chromium');

analytics.before(
  loudHook(async (context: Context) => {
    Object.assign(context, await startConsoleHub());
    context.admin = (await signIn(context.hub, ADMIN_EMAIL, ADMIN_PASSWORD)).token;
    context.analyst = (await createColleagues(context.hub, context.admin)).nika.token;
    await postEmail(context.hub, customerMail('order@mail.example', 'Order 1234', 'Where is my order?'));
    await postEmail(context.hub, customerMail('invoice@mail.example', 'Invoice', 'Please send the invoice'));
    const posted = await context.hub.app.inject({
      method: 'POST',
      url: '/v1/interactions',
      headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify(generic('crm-1', 'Call me back about the warranty')),
    });
    assert.is(posted.statusCode, 202, posted.body);
    // Sara's two orders, each of tea and a cup: the pair the product affinity chart shows.
    for (const [id, name, category] of [
      ['p-tea', 'Green tea', 'Tea'],
      ['p-cup', 'Tea cup', 'Ware'],
    ] as const) {
      const defined = await inject(context, 'PUT', `/v1/products/${id}`, context.admin, { name, category });
      assert.ok(defined.status < 300, JSON.stringify(defined.body));
    }
    for (const orderId of ['o-1', 'o-2']) {
      const placed = await inject(context, 'POST', '/v1/orders', context.admin, {
        orderId,
        placedAt: new Date().toISOString(),
        currency: 'EUR',
        customer: { email: 'sara@example.ir', name: 'Sara Rezaei' },
        lines: [
          { productId: 'p-tea', quantity: 2, unitAmount: '12.50' },
          { productId: 'p-cup', quantity: 1, unitAmount: '8.00' },
        ],
      });
      assert.ok(placed.status < 300, JSON.stringify(placed.body));
    }
    await context.hub.projectionCaughtUp();
    const inbox = await inject(context, 'GET', '/v1/inbox?channel=email', context.admin);
    const order = (inbox.body.conversations as { id: string; subject: string }[]).find(
      (c) => c.subject === 'Order 1234',
    );
    assert.ok(order, 'the order conversation');
    context.conversationId = order.id;
    // The admin answers and resolves it; the customer rates the service 5 from the link she is sent.
    const url = `/v1/conversations/${order.id}`;
    const replied = await inject(context, 'POST', `${url}/replies`, context.admin, { text: 'It ships today.' });
    assert.is(replied.status, 202, JSON.stringify(replied.body));
    await context.hub.projectionCaughtUp();
    const { revision } = (await inject(context, 'GET', url, context.admin)).body as { revision: number };
    const resolved = await inject(context, 'POST', `${url}/status`, context.admin, { status: 'resolved', revision });
    assert.is(resolved.status, 200, JSON.stringify(resolved.body));
    const token = await waitFor(
      async () => {
        for (const raw of context.relay.messages) {
          const found = /\/v1\/csat\/(\S+)/.exec((await simpleParser(raw)).text ?? '')?.[1];
          if (found) return found;
        }
        return undefined;
      },
      { timeoutMs: 30_000, what: 'the rating request at the SMTP relay' },
    );
    const rated = await context.hub.app.inject({
      method: 'POST',
      url: `/v1/csat/${token}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ rating: 5 }),
    });
    assert.is(rated.statusCode, 201, rated.body);
    await context.hub.projectionCaughtUp();
  }),
);

analytics.after(async (context) => {
  await context.stop?.();
});

/** The analyst's page, with its live feed (her presence is not asked for: analysts take no conversations). */
const analystPage = (context: Context, viewport: { width: number; height: number }, locale: 'en' | 'fa') =>
  signedInPage(context, viewport, locale, ANALYST);

const liveWords = { en: 'Live', fa: 'زنده' } as const;

/** Waits until the header says the live feed is open, and says so in the page's language. */
const liveShown = async (page: Page, locale: 'en' | 'fa') => {
  await page.locator('header .live[data-status=live]').waitFor({ timeout: 10_000 });
  assert.is(await page.locator('header .live').textContent(), liveWords[locale], 'the header says the feed is open');
};

/** Waits until every chart's panel has its answer (ready, empty, not available, refused). */
const panelsSettled = (page: Page) =>
  waitFor(
    async () =>
      (await page.locator('.panel').count()) >= 10 && (await page.locator('.panel[data-state=loading]').count()) === 0
        ? true
        : undefined,
    { timeoutMs: 15_000, what: 'every chart answered' },
  );

/** A chart's accessible table as rows of cells (its header row first). */
const tableOf = (page: Page, panel: string) =>
  page
    .locator(`.panel[data-panel="${panel}"] table`)
    .first()
    .evaluate((element) => {
      // The test's own tsconfig has no DOM types: the table's shape, as far as it is read here.
      type Cells = { textContent: string | null }[];
      const table = element as unknown as { rows: ArrayLike<{ cells: ArrayLike<Cells[number]> }> };
      return Array.from(table.rows, (row) => Array.from(row.cells, (cell) => cell.textContent ?? ''));
    });

/** The figure in a table's row (named by its first cell) and column (named by its header). */
const cellOf = (table: string[][], row: string, column: string) => {
  const index = table[0]?.indexOf(column) ?? -1;
  return table.find((r) => r[0] === row)?.[index];
};

analytics('an analyst reads the history as charts, filters them and downloads a chart as CSV', async (context) => {
  // The API's own figures, that the charts must show.
  const today = new Date();
  const range = `from=${encodeURIComponent(new Date(today.getTime() - 3 * 86_400_000).toISOString())}&to=${encodeURIComponent(
    new Date(today.getTime() + 86_400_000).toISOString(),
  )}`;
  const volumes = await inject(context, 'GET', `/v1/analytics/volumes?${range}&groupBy=channel`, context.analyst);
  const byChannel = new Map<string, number>();
  for (const row of volumes.body.rows as { key: string; interactions: number }[])
    byChannel.set(row.key, (byChannel.get(row.key) ?? 0) + row.interactions);
  assert.is(byChannel.get('generic'), 1, 'the contact from the other system');
  assert.ok((byChannel.get('email') ?? 0) >= 2, 'two emails in, the reply perhaps out');

  const { page, errors, close } = await analystPage(context, DESKTOP, 'en');
  try {
    await page.locator('.analytics-link').click();
    await page.locator('.analytics h1', { hasText: 'Analytics' }).waitFor();
    await panelsSettled(page);
    const volume = await tableOf(page, 'Volume by channel');
    assert.is(cellOf(volume, 'Total', 'Email'), String(byChannel.get('email')));
    assert.is(cellOf(volume, 'Total', 'Other'), '1');
    assert.match(
      String(await page.locator('.panel[data-panel="Volume by channel"] [role=img]').getAttribute('aria-label')),
      /Other 1/,
    );
    const csat = await tableOf(page, 'Customer satisfaction (CSAT)');
    assert.is(cellOf(csat, '5 ★', 'Ratings'), '1', 'one rating of 5');
    assert.match(
      String(await page.locator('.panel[data-panel="Customer satisfaction (CSAT)"] .figures').textContent()),
      /Average rating5/,
    );
    const times = await tableOf(page, 'Response times');
    assert.is(cellOf(times, 'Email', 'Count'), '1', 'one first response, by email');
    const affinity = await tableOf(page, 'Product affinity (bought together)');
    assert.is(cellOf(affinity, 'Tea cup + Green tea', 'Orders'), '2', JSON.stringify(affinity));
    for (const panel of ['Segment sizes and value', 'Customer lifetime value', 'Cost to serve against value'])
      assert.is(await page.locator(`.panel[data-panel="${panel}"]`).getAttribute('data-state'), 'ready', panel);

    // The CSV of a chart is the API's, downloaded with the session's cookie.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.panel[data-panel="Volume by channel"] .csv-link').click(),
    ]);
    const csv = (await readFile(String(await download.path()), 'utf8')).trim().split('\r\n');
    assert.is(csv[0], 'bucket,key,interactions');
    assert.ok(
      csv.some((line) => /^\d{4}-\d\d-\d\dT[\d:.]+Z,generic,1$/.test(line)),
      csv.join('\n'),
    );

    // Filtered to the other system's channel, only its contact is left.
    await page.locator('.analytics-filters').getByLabel('Channel').selectOption('generic');
    await page.locator('.analytics-filters button[type=submit]').click();
    await waitFor(async () => ((await tableOf(page, 'Volume by channel'))[0]?.includes('Email') ? undefined : true), {
      timeoutMs: 10_000,
      what: 'the volume filtered to one channel',
    });
    await panelsSettled(page);
    const filtered = await tableOf(page, 'Volume by channel');
    assert.equal(filtered[0], ['Period', 'Other', 'Total']);
    assert.is(cellOf(filtered, 'Total', 'Other'), '1');
    assert.is(await page.locator('.panel[data-panel="Response times"]').getAttribute('data-state'), 'ready');
    assert.equal(errors, []);
  } finally {
    await close();
  }
});

analytics('the analytics screen in English and Persian, at desktop and phone width', async (context) => {
  for (const locale of ['en', 'fa'] as const) {
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { page, errors, close } = await analystPage(context, viewport, locale);
      try {
        await page.goto(`${context.url}#/analytics`);
        await page.locator('.analytics').waitFor();
        await panelsSettled(page);
        if (locale === 'fa') {
          const volume = await tableOf(page, 'حجم به تفکیک کانال');
          assert.is(cellOf(volume, 'جمع', 'دیگر'), '۱', 'Persian digits');
          assert.is(await page.evaluate('document.documentElement.dir'), 'rtl');
        }
        await liveShown(page, locale);
        // Let the charts draw at their measured width before looking.
        await page.waitForTimeout(200);
        await shot(page, `analytics-${locale}-${width}`);
        assert.equal(await accessibilityProblems(page), [], `${locale} ${width}`);
        const wide = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 || e.getBoundingClientRect().left < -1)
          .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width))`);
        assert.ok((await overflowOf(page)) <= 0, `${locale} ${width}: nothing scrolls sideways: ${wide.join(', ')}`);
        assert.equal(errors, []);
      } finally {
        await close();
      }
    }
  }
});

analytics(
  'until the live feed first opens the header says Connecting…, in either language, then Live',
  async (context) => {
    const { page, errors, close } = await analystPage(context, DESKTOP, 'en');
    // The feed held at the browser after a reload: asked for, not yet answered.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await liveShown(page, 'en');
      await page.route('**/v1/live*', async (route) => {
        await held;
        await route.continue();
      });
      const requested = page.waitForRequest(/\/v1\/live/, { timeout: 15_000 });
      await page.reload();
      await page.locator('.rows').waitFor({ timeout: 15_000 });
      await requested;
      const status = page.locator('header .live');
      assert.is(await status.textContent(), 'Connecting…');
      await page.locator('header button', { hasText: 'فارسی' }).click();
      await page.locator('header .live', { hasText: 'در حال اتصال…' }).waitFor({ timeout: 5_000 });
      assert.is(await status.getAttribute('data-status'), 'connecting', 'still not open');
      release();
      await liveShown(page, 'fa');
      assert.equal(errors, []);
    } finally {
      release();
      await close();
    }
  },
);

analytics(
  'a live feed the browser gave up on (a proxy answering 502 while the hub restarts) is opened again',
  async (context) => {
    const { page, close } = await analystPage(context, DESKTOP, 'en');
    try {
      await liveShown(page, 'en');
      let refused = 0;
      await page.route('**/v1/live*', async (route) => {
        // EventSource does not retry after an HTTP error: the console must open a new feed itself.
        if (refused++ < 2) await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' });
        else await route.continue();
      });
      await page.reload();
      await page.locator('.rows').waitFor({ timeout: 15_000 });
      await liveShown(page, 'en');
      assert.ok(refused >= 3, `the feed was asked for again after two refusals (${refused} requests)`);
    } finally {
      await close();
    }
  },
);

analytics('an analyst is offered no change to a conversation, and the API refuses one', async (context) => {
  const { page, errors, close } = await analystPage(context, DESKTOP, 'en');
  try {
    await page.goto(`${context.url}#/conversations/${context.conversationId}`);
    await page.locator('.conversation h1', { hasText: 'Order 1234' }).waitFor({ timeout: 10_000 });
    await page.locator('.csat-badge').waitFor({ timeout: 10_000 });
    for (const control of ['.composer.reply', '.composer.note', '.status-action', '.triage'])
      assert.is(await page.locator(control).count(), 0, `no ${control}`);
    assert.equal(errors, []);
  } finally {
    await close();
  }
  const url = `/v1/conversations/${context.conversationId}`;
  const { revision } = (await inject(context, 'GET', url, context.analyst)).body as { revision: number };
  const refused = await inject(context, 'POST', `${url}/status`, context.analyst, { status: 'open', revision });
  assert.is(refused.status, 403, JSON.stringify(refused.body));
  const after = (await inject(context, 'GET', url, context.admin)).body as { status: string; revision: number };
  assert.equal([after.status, after.revision], ['resolved', revision], 'nothing written');
});

analytics.run();
