import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, provideKafka, singleBrokerDurability, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { CHANNEL_TOKEN, chatOnWebsite, postEmail, signIn, websiteChatEnv } from './testing/agent-workspace.fixture.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  AGENT_TOKEN,
  accessibilityProblems,
  type ConsoleHub,
  DESKTOP,
  overflowOf,
  PHONE,
  shot,
  signedInPage,
  startConsoleHub,
} from './testing/console-browser.fixture.ts';

// The agent console served by the embedded hub, in Debian's Chromium (playwright-core): what an
// agent does on the first morning. Screenshots of every screen, in English and Persian, at desktop
// and phone width, go to test-artefacts/console/ for a person to look at.

interface Backend {
  /** Names the screenshots of the flow run on it ('' for the embedded default). */
  readonly tag: string;
  /** The hub's environment on this backend, and how to take it down after. */
  open(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
  /** Whether every screen is shot in both locales at both widths here (once is enough). */
  readonly screens: boolean;
}

interface Context extends ConsoleHub {
  cleanup: () => Promise<void>;
  tag: string;
}

const htmlMail = [
  'From: Sara Rezaei <sara@example.ir>',
  'To: support@shop.example',
  'Subject: سفارش ۱۲۳۴ کجاست؟',
  'Message-ID: <console-order@mail.example>',
  'Date: Sat, 05 Dec 2026 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>سلام، سفارش <b>1234</b> من کجاست؟ order 1234</p>',
  `<img src="x" onerror="parent.document.title='pwned'"><script>parent.document.title='pwned'</script>`,
  '',
].join('\r\n');

const channelPost = (hub: ComposedHub, url: string, body: unknown) =>
  hub.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

const call = {
  callId: 'console-call-1',
  system: 'callcenter',
  from: '+98 912 123 4567',
  to: '201',
  direction: 'inbound',
  startedAt: '2026-12-05T10:15:00+03:30',
  answeredAt: '2026-12-05T10:15:09+03:30',
  endedAt: '2026-12-05T10:18:00+03:30',
  durationSeconds: 171,
  outcome: 'answered',
  agentExtension: '201',
  customerName: 'سارا رضایی',
};

/** A chat transcript line from a CRM integration: it carries both the phone and the email. */
const chatLine = (externalId: string, text: string) => ({
  channel: 'generic',
  source: { system: 'site-chat', externalId },
  direction: 'inbound',
  occurredAt: new Date().toISOString(),
  contact: {
    identifiers: [
      { kind: 'email', value: 'sara@example.ir' },
      { kind: 'phone', value: '+989121234567' },
    ],
    displayName: 'سارا رضایی',
  },
  threadKey: `chat-${externalId}`,
  summary: text,
  text,
  html: null,
  details: { channel: 'generic', system: 'site-chat', externalId, attributes: {} },
});

/** Until the hub knows the customer by this email (with Kafka, 202 comes before the writer). */
const untilKnown = (hub: ComposedHub, email: string) =>
  waitFor(
    async () => {
      const response = await hub.app.inject({
        method: 'GET',
        url: `/v1/customers/lookup?email=${encodeURIComponent(email)}`,
        headers: { authorization: `Bearer ${AGENT_TOKEN}` },
      });
      return response.statusCode === 200 ? true : undefined;
    },
    { timeoutMs: 60_000, what: `the customer ${email}` },
  );

function scenario(name: string, backend: Backend) {
  const consoleSuite = suite<Context>(`the agent console in Chromium, ${name}`);

  consoleSuite.before(async (context) => {
    const opened = await backend.open();
    context.cleanup = opened.cleanup;
    context.tag = backend.tag;
    Object.assign(context, await startConsoleHub({ ...opened.env, ...websiteChatEnv }));
  });

  consoleSuite.after(async (context) => {
    await context.stop?.();
    await context.cleanup?.();
  });

  consoleSuite(
    'the page is served with a strict CSP; a wrong password says so and signs nobody in',
    async (context) => {
      const response = await fetch(context.url);
      assert.is(response.status, 200);
      assert.match(String(response.headers.get('content-security-policy')), /script-src 'self'/);
      const browserContext = await context.browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
      const page = await browserContext.newPage();
      await page.goto(context.url);
      await page.locator('input[name=email]').fill(ADMIN_EMAIL);
      await page.locator('input[name=password]').fill('not-the-password');
      await page.locator('form button[type=submit]').click();
      await page.locator('[role=alert]').waitFor({ timeout: 10_000 });
      assert.match(String(await page.locator('[role=alert]').textContent()), /wrong/);
      assert.is(await page.locator('.rows').count(), 0, 'still signed out');
      await shot(page, `sign-in-refused-en-desktop${context.tag}`);
      assert.equal(await accessibilityProblems(page), [], 'the sign-in page');
      await browserContext.close();
      if (!backend.screens) return;
      for (const [viewport, width] of [
        [DESKTOP, 'desktop'],
        [PHONE, 'phone'],
      ] as const) {
        for (const locale of ['en', 'fa'] as const) {
          const other = await context.browser.newContext({ viewport, locale: locale === 'fa' ? 'fa-IR' : 'en-GB' });
          const signIn = await other.newPage();
          await signIn.goto(context.url);
          await signIn.locator('input[name=email]').waitFor();
          assert.is(await signIn.evaluate<string>('document.documentElement.dir'), locale === 'fa' ? 'rtl' : 'ltr');
          await shot(signIn, `sign-in-${locale}-${width}`);
          assert.equal(await accessibilityProblems(signIn), [], `the sign-in page, ${locale}, ${width}`);
          await other.close();
        }
      }
    },
  );

  consoleSuite(
    'an email, a call and a chat transcript from one person: one timeline; the agent replies by email, notes, resolves; a stale change shows the conflict; a website chat appears live',
    async (context) => {
      const { hub } = context;
      // The chat first: it carries her email and phone, so the email and the call find her.
      assert.is((await channelPost(hub, '/v1/interactions', chatLine('c-1', 'سلام، هنوز منتظرم'))).statusCode, 202);
      await untilKnown(hub, 'sara@example.ir');
      await postEmail(hub, htmlMail);
      const called = await channelPost(hub, '/v1/channels/phone/calls', call);
      assert.is(called.statusCode, 202, called.body);
      await hub.projectionCaughtUp();

      const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
      try {
        const rows = page.locator('.rows .row');
        // The chat and the call in one conversation (her open one), the email in its own thread.
        await waitFor(async () => ((await rows.count()) === 2 ? true : undefined), {
          timeoutMs: 30_000,
          what: 'two conversations in the inbox',
        });
        await shot(page, `inbox-en-desktop${context.tag}`);

        // The email's conversation: its HTML in a sandboxed frame, the other channels beside it.
        await page.locator('.rows .row', { hasText: 'سفارش ۱۲۳۴' }).locator('a').click();
        await page.locator('.items .message').first().waitFor();
        const frame = page.locator('iframe.customer-html');
        assert.is(await frame.getAttribute('sandbox'), '', 'the customer HTML frame may do nothing');
        assert.match(String(await frame.contentFrame().locator('p').textContent()), /order 1234/);
        await page.locator('.history .entry').nth(1).waitFor();
        assert.is(await page.locator('.history .entry').count(), 2, 'the call and the chat, one customer');

        await page.locator('.composer textarea[name=text]').first().fill('سفارش شما فردا می‌رسد. Tracking: IR-1234');
        await page.locator('.composer .send').first().click();
        await page.locator('[data-delivery]').first().waitFor({ timeout: 10_000 });
        const raw = await waitFor(async () => context.relay.messages[0], {
          timeoutMs: 20_000,
          what: 'the reply at the SMTP relay',
        });
        assert.match(raw.toString('utf8'), /In-Reply-To: <console-order@mail\.example>/);
        await page.locator('[data-delivery=sent]').waitFor({ timeout: 20_000 });

        await page.locator('.composer.note textarea').fill('Courier called; @maryam follow up tomorrow');
        await page.locator('.composer.note .send').click();
        await page.locator('.items .note', { hasText: 'Courier called' }).waitFor({ timeout: 10_000 });
        // Triage: take it, raise its priority, label it; the API has each change.
        const conversationId = page.url().split('/').at(-1) as string;
        await page.locator('.triage button', { hasText: 'Assign to me' }).click();
        await page.locator('.triage button', { hasText: 'Unassign' }).waitFor({ timeout: 10_000 });
        await page
          .locator('.triage select')
          .filter({ has: page.locator('option[value=urgent]') })
          .selectOption('high');
        await page.locator('.triage input[name=label]').fill('vip');
        await page.locator('.triage input[name=label]').press('Enter');
        await page.locator('.triage .chip', { hasText: 'vip' }).waitFor({ timeout: 10_000 });
        const adminToken = (await signIn(hub, ADMIN_EMAIL, ADMIN_PASSWORD)).token;
        const seen = (
          await hub.app.inject({
            method: 'GET',
            url: `/v1/conversations/${conversationId}`,
            headers: { authorization: `Bearer ${adminToken}` },
          })
        ).json() as { assigneeId: string | null; priority: string; labels: string[] };
        assert.ok(seen.assigneeId, 'assigned');
        assert.is(seen.priority, 'high');
        assert.equal(seen.labels, ['vip']);
        // Presence: the agent makes herself available for new conversations.
        await page.locator('.presence select').selectOption('available');
        await waitFor(
          async () => {
            const presence = (
              await hub.app.inject({
                method: 'GET',
                url: '/v1/presence',
                headers: { authorization: `Bearer ${adminToken}` },
              })
            ).json() as { agents: { userId: string; presence: string }[] };
            return presence.agents.some((a) => a.userId === seen.assigneeId && a.presence === 'available')
              ? true
              : undefined;
          },
          { timeoutMs: 10_000, what: 'the agent available in GET /v1/presence' },
        );
        await shot(page, `conversation-en-desktop${context.tag}`);

        // A colleague's console lost its live feed (a laptop lid closed): it still shows the
        // conversation open when the first agent resolves it, and the colleague acts on that.
        const colleague = await signedInPage(context, DESKTOP, 'en', { live: false });
        try {
          await colleague.page.goto(page.url());
          await colleague.page.locator('.status-action', { hasText: 'Resolve' }).waitFor();
          await page.locator('.status-action', { hasText: 'Resolve' }).click();
          await page.locator('.status-action', { hasText: 'Reopen' }).waitFor({ timeout: 10_000 });
          await colleague.page.locator('.status-action', { hasText: 'Resolve' }).click();
          await colleague.page.locator('.notice[role=alert]').waitFor({ timeout: 10_000 });
          assert.match(String(await colleague.page.locator('.notice').textContent()), /colleague changed/);
          await colleague.page.locator('.status-action', { hasText: 'Reopen' }).waitFor({ timeout: 10_000 });
          await shot(colleague.page, `conflict-en-desktop${context.tag}`);
        } finally {
          await colleague.close();
        }

        // Back in the inbox, a new customer writes on the shop's website chat (the hub's widget
        // channel): the conversation appears without a reload, saying who and what.
        await page.locator('a.back').click();
        await rows.first().waitFor();
        const before = await rows.count();
        await chatOnWebsite(context.url.replace(/\/$/, ''), {
          visitor: { email: 'reza@example.ir', name: 'رضا کریمی' },
          text: 'New question about invoices',
        });
        await waitFor(async () => ((await rows.count()) === before + 1 ? true : undefined), {
          timeoutMs: 20_000,
          what: 'the new conversation in the open inbox, without a reload',
        });
        const newRow = page.locator('.rows .row', { hasText: 'New question about invoices' });
        assert.match(String(await newRow.textContent()), /رضا کریمی/);
        assert.match(String(await newRow.textContent()), /Chat/);
        assert.equal(await page.evaluate<string>('document.title'), 'Interaction hub', 'no customer script ran');
        assert.equal(errors, [], 'no errors in the page (CSP included)');
      } finally {
        await close();
      }
    },
  );

  if (backend.screens)
    consoleSuite(
      'every screen in Persian (right to left, Persian calendar and digits) and at phone width',
      async (context) => {
        for (const [viewport, width] of [
          [DESKTOP, 'desktop'],
          [PHONE, 'phone'],
        ] as const) {
          for (const locale of ['en', 'fa'] as const) {
            const { page, errors, close } = await signedInPage(context, viewport, locale);
            try {
              assert.is(await page.evaluate<string>('document.documentElement.dir'), locale === 'fa' ? 'rtl' : 'ltr');
              if (locale === 'fa') {
                assert.match(String(await page.locator('h1').first().textContent()), /صندوق/);
                // Persian digits and the Solar Hijri year (1405) in the rows' dates.
                assert.match(String(await page.locator('.rows time').first().textContent()), /۱۴۰۵/);
              }
              await shot(page, `inbox-${locale}-${width}`);
              assert.equal(await accessibilityProblems(page), [], `the inbox, ${locale}, ${width}`);
              // The email, resolved in the test before: under the Resolved filter.
              await page.locator('.filter').last().click();
              await page.locator('.rows .row', { hasText: 'سفارش ۱۲۳۴' }).locator('a').click();
              await page.locator('.items .message').first().waitFor();
              await shot(page, `conversation-${locale}-${width}`);
              assert.equal(await accessibilityProblems(page), [], `the conversation, ${locale}, ${width}`);
              const overflow = await overflowOf(page);
              assert.ok(overflow <= 0, `no sideways scrolling at ${viewport.width} px (${overflow} px too wide)`);

              // Customer search, spelled with the Arabic yeh as many keyboards type it, then her profile.
              await page.locator('.section-link', { hasText: locale === 'fa' ? 'مشتریان' : 'Customers' }).click();
              await page.locator('input[name=q]').fill('رضايي');
              await page.locator('input[name=q]').press('Enter');
              await page.locator('.rows .row', { hasText: 'سارا رضایی' }).waitFor({ timeout: 10_000 });
              await shot(page, `customers-${locale}-${width}`);
              assert.equal(await accessibilityProblems(page), [], `the customer search, ${locale}, ${width}`);
              await page.locator('.rows .row a').first().click();
              await page.locator('.items .message').nth(2).waitFor({ timeout: 10_000 });
              assert.match(String(await page.locator('.history').textContent()), /\+989121234567/);
              await shot(page, `customer-${locale}-${width}`);
              assert.equal(await accessibilityProblems(page), [], `the customer profile, ${locale}, ${width}`);
              assert.equal(errors, []);
            } finally {
              await close();
            }
          }
        }
      },
    );

  consoleSuite.run();
}

scenario('on the embedded hub', {
  tag: '',
  screens: true,
  async open() {
    const dataDir = await mkdtemp(join(tmpdir(), 'hub-console-'));
    return { env: { HUB_DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  },
});

scenario('on Kafka and PostgreSQL', {
  tag: '-kafka',
  screens: false,
  async open() {
    const kafka = await provideKafka();
    const database = await createTestDatabase({ prefix: 'hub_console' });
    const dataDir = await mkdtemp(join(tmpdir(), 'hub-console-'));
    return {
      env: {
        HUB_DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        ...singleBrokerDurability,
        KAFKA_BROKERS: kafka.brokers.join(','),
        HUB_KAFKA_TOPIC: `console-${randomBytes(4).toString('hex')}`,
      },
      cleanup: async () => {
        await database.drop();
        await kafka.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
});
