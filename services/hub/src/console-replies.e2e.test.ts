import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@hub/testing';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CHANNEL_TOKEN,
  chatOnWebsite,
  customerMail,
  postEmail,
  signIn,
  websiteChatEnv,
} from './testing/agent-workspace.fixture.ts';
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

// The agent console's reply box, notes, failed deliveries, session expiry and the customer
// profile's merges and erasure, in Debian's Chromium against the embedded default. The website
// chat is the hub's real widget channel (its WebSocket, as the widget's script speaks it); the SMTP
// relay is a local server (providers cannot be reached from here).

const SARA = { email: 'sara@example.ir', phone: '+989121234567', name: 'Sara Rezaei' };

interface Context extends ConsoleHub {
  admin: string;
  conversationId: string;
}

const inject = async (
  context: Context,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
  token = context.admin,
) => {
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

/** An interaction from an external system, carrying the identifiers it knows. */
const generic = (externalId: string, identifiers: { kind: string; value: string }[], text: string) => ({
  channel: 'generic',
  source: { system: 'crm-import', externalId },
  direction: 'inbound',
  occurredAt: new Date().toISOString(),
  contact: { identifiers, displayName: 'Mina Karimi' },
  threadKey: externalId,
  summary: text,
  text,
  html: null,
  details: { channel: 'generic', system: 'crm-import', externalId, attributes: {} },
});

const replies = suite<Context>('the console’s reply box, notes, deliveries, session and profile in Chromium');

replies.before(async (context) => {
  Object.assign(context, await startConsoleHub({ ...websiteChatEnv }));
  context.admin = (await signIn(context.hub, ADMIN_EMAIL, ADMIN_PASSWORD)).token;
  const colleague = await inject(context, 'POST', '/v1/users', {
    email: 'maryam@shop.example',
    displayName: 'Maryam Ahmadi',
    role: 'agent',
    password: 'a-long-password-123',
  });
  assert.is(colleague.status, 201, JSON.stringify(colleague.body));
  const canned = await inject(context, 'POST', '/v1/canned-responses', {
    shortcut: '/shipped',
    title: 'Order shipped',
    text: 'Dear {{customer.name}}, your order is on its way.',
  });
  assert.is(canned.status, 201, JSON.stringify(canned.body));
  // Sara writes by email, then on the shop's website chat, signed in there with the same address.
  await postEmail(context.hub, customerMail('where@mail.example', 'Order 1234', 'Where is my order?'));
  await chatOnWebsite(context.url.replace(/\/$/, ''), {
    visitor: SARA,
    text: 'سلام، سفارش ۱۲۳۴ کجاست؟',
  });
  await context.hub.projectionCaughtUp();
  const inbox = await inject(context, 'GET', '/v1/inbox?channel=email');
  context.conversationId = (inbox.body.conversations as { id: string }[])[0]?.id as string;
  assert.ok(context.conversationId, 'the email conversation');
});

replies.after(async (context) => {
  await context.stop?.();
});

replies(
  'a reply by canned response with a file, another by the website chat; a note mentions a colleague by @; a refused email is sent again',
  async (context) => {
    const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
    try {
      await page.goto(`${context.url}#/conversations/${context.conversationId}`);
      const channel = page.locator('.composer.reply select[name=channel]');
      await waitFor(async () => ((await channel.locator('option').count()) === 2 ? true : undefined), {
        timeoutMs: 10_000,
        what: 'two ways to reach Sara',
      });
      assert.is(await channel.inputValue(), 'email', 'by default the channel she used here');
      assert.match(String(await channel.locator('option').nth(1).textContent()), /Website chat/);

      // A canned response, filled in for Sara, edited, with a PDF attached.
      await page.locator('.composer.reply select[name=canned]').selectOption({ label: '/shipped · Order shipped' });
      const text = page.locator('.composer.reply textarea');
      await waitFor(async () => ((await text.inputValue()).includes('Dear Sara Rezaei') ? true : undefined), {
        timeoutMs: 10_000,
        what: 'the canned response in the reply box',
      });
      await text.fill(`${await text.inputValue()} Tracking: IR-1234`);
      await page.locator('.composer.reply input[type=file]').setInputFiles({
        name: 'invoice-1234.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% invoice 1234\n'),
      });
      await shot(page, 'reply-box-en-desktop');
      await page.locator('.composer.reply .send').click();
      const mail = await simpleParser(
        await waitFor(async () => context.relay.messages[0], { timeoutMs: 20_000, what: 'the email at the relay' }),
      );
      assert.match(mail.text ?? '', /Dear Sara Rezaei, your order is on its way\. Tracking: IR-1234/);
      assert.equal(
        mail.attachments.map((a) => a.filename),
        ['invoice-1234.pdf'],
      );
      await page.locator('.item.outbound', { hasText: 'IR-1234' }).locator('[data-delivery=sent]').waitFor({
        timeout: 20_000,
      });
      assert.match(
        String(await page.locator('.item.outbound', { hasText: 'IR-1234' }).textContent()),
        /invoice-1234\.pdf/,
      );

      // The same conversation answered on the website chat instead: no files there.
      await channel.selectOption('widget');
      assert.is(await page.locator('.composer.reply input[type=file]').count(), 0, 'files go by email only');
      await text.fill('We are on it, Sara.');
      await page.locator('.composer.reply .send').click();
      const byChat = page.locator('.item.outbound', { hasText: 'We are on it' });
      await byChat.waitFor({ timeout: 10_000 });
      assert.match(String(await byChat.textContent()), /Website chat/);

      // A note: typing @ma offers Maryam; Enter writes her handle; the note mentions her.
      const note = page.locator('.composer.note textarea');
      await note.click();
      await note.pressSequentially('Courier called; @ma');
      await page.locator('.mentions [role=option]', { hasText: 'Maryam Ahmadi' }).waitFor();
      await shot(page, 'mention-en-desktop');
      await note.press('Enter');
      assert.is(await note.inputValue(), 'Courier called; @maryam ');
      await note.pressSequentially('please follow up');
      await page.locator('.composer.note .send').click();
      await page.locator('.items .note', { hasText: '@maryam please follow up' }).waitFor({ timeout: 10_000 });
      const view = await inject(context, 'GET', `/v1/conversations/${context.conversationId}`);
      const noted = (view.body.items as { kind: string; data: { mentions?: string[] } }[]).find(
        (item) => item.kind === 'note',
      );
      assert.is(noted?.data.mentions?.length, 1, 'Maryam is mentioned');

      // The relay refuses the next email: failed, with its reason, and Send again sends it.
      context.relay.refuse(550, '5.1.1 mailbox unavailable');
      await channel.selectOption('email');
      await text.fill('One more thing about your order.');
      await page.locator('.composer.reply .send').click();
      const refused = page.locator('.item.outbound', { hasText: 'One more thing' });
      await refused.locator('[data-delivery=failed]').waitFor({ timeout: 20_000 });
      assert.match(String(await refused.textContent()), /mailbox unavailable/);
      await shot(page, 'reply-failed-en-desktop');
      context.relay.accept();
      const before = context.relay.messages.length;
      await refused.locator('button.retry').click();
      await refused.locator('[data-delivery=sent]').waitFor({ timeout: 20_000 });
      assert.is(context.relay.messages.length, before + 1, 'sent once');
      assert.equal(await accessibilityProblems(page), [], 'the conversation with its reply box');
      assert.equal(errors, []);
    } finally {
      await close();
    }
  },
);

replies('once resolved, the customer’s rating shows on the conversation, in both locales', async (context) => {
  const url = `/v1/conversations/${context.conversationId}`;
  const { revision } = (await inject(context, 'GET', url)).body as { revision: number };
  const resolved = await inject(context, 'POST', `${url}/status`, { status: 'resolved', revision });
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
    payload: JSON.stringify({ rating: 4, comment: 'سریع بود، ممنون' }),
  });
  assert.is(rated.statusCode, 201, rated.body);
  for (const locale of ['en', 'fa'] as const) {
    const { page, errors, close } = await signedInPage(context, DESKTOP, locale);
    try {
      await page.goto(`${context.url}#/conversations/${context.conversationId}`);
      const badge = page.locator('.csat-badge');
      await badge.waitFor({ timeout: 15_000 });
      assert.match(String(await badge.textContent()), locale === 'fa' ? /امتیاز ۴ از ۵/ : /Rated 4 of 5/);
      assert.match(String(await page.locator('.item.csat').textContent()), /سریع بود، ممنون/);
      const newest = await page.evaluate<{ top: number; bottom: number; height: number }>(`(() => {
        const box = document.querySelector('.items > li:last-child').getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, height: window.innerHeight };
      })()`);
      assert.ok(
        newest.top >= 0 && newest.bottom <= newest.height,
        `the newest activity is in view: ${JSON.stringify(newest)}`,
      );
      await shot(page, `conversation-csat-${locale}-desktop`);
      assert.equal(errors, []);
    } finally {
      await close();
    }
  }
});

replies(
  'a session that ends while the page is open goes back to sign-in, and on to the same screen',
  async (context) => {
    const { page, close } = await signedInPage(context, DESKTOP, 'en');
    try {
      await page.goto(`${context.url}#/conversations/${context.conversationId}`);
      await page.locator('.items .message').first().waitFor();
      // An admin (or the clock) ends this browser's session.
      const session = (await page.context().cookies()).find((cookie) => cookie.httpOnly);
      assert.ok(session, 'the session is an HttpOnly cookie');
      assert.is(await page.evaluate('document.cookie'), '', 'which scripts cannot read');
      const stored = await page.evaluate<string[]>('Object.keys(localStorage).concat(Object.keys(sessionStorage))');
      assert.ok(
        stored.every((key) => key === 'hub.locale'),
        `nothing but the locale in web storage: ${stored}`,
      );
      const ended = await context.hub.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-out',
        headers: { cookie: `${session.name}=${session.value}` },
      });
      assert.is(ended.statusCode, 204);
      await page.locator('.composer.note textarea').fill('after the session ended');
      await page.locator('.composer.note .send').click();
      await page.locator('[role=alert]', { hasText: 'Your session ended' }).waitFor({ timeout: 10_000 });
      await page.locator('input[name=email]').fill(ADMIN_EMAIL);
      await page.locator('input[name=password]').fill(ADMIN_PASSWORD);
      await page.locator('form button[type=submit]').click();
      await page.locator('.items .message').first().waitFor({ timeout: 10_000 });
      assert.match(page.url(), new RegExp(`#/conversations/${context.conversationId}$`), 'back where the agent was');
    } finally {
      await close();
    }
  },
);

replies(
  'another site cannot act as the signed-in agent: a forged form post carries no session and writes nothing',
  async (context) => {
    const { page, close } = await signedInPage(context, DESKTOP, 'en');
    // A page on another site (localhost is not 127.0.0.1's site) posts a note form to the hub.
    const attacker = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<form method="post" enctype="text/plain"
        action="${context.url}v1/conversations/${context.conversationId}/notes">
        <input name='{"text":"forged","x":"' value='"}'></form>
      <script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((listening) => attacker.listen(0, '127.0.0.1', listening));
    try {
      const before = (await inject(context, 'GET', `/v1/conversations/${context.conversationId}`)).body;
      const answered = page.waitForResponse((response) => response.url().endsWith('/notes'));
      await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
      const response = await answered;
      assert.is(response.status(), 401, 'the session cookie stayed home (SameSite=Strict)');
      assert.equal(
        (await inject(context, 'GET', `/v1/conversations/${context.conversationId}`)).body,
        before,
        'nothing written',
      );
    } finally {
      attacker.close();
      await close();
    }
  },
);

replies(
  'a merge candidate with its evidence is merged and the merge undone; an admin erases a customer after a confirmation naming what goes',
  async (context) => {
    const mina = { kind: 'email', value: 'mina@example.ir' };
    const minaPhone = { kind: 'phone', value: '+989351234567' };
    for (const [id, identifiers, text] of [
      ['m1', [mina], 'Invoice question'],
      ['m2', [minaPhone], 'Called about delivery'],
      ['m3', [mina, minaPhone], 'Both numbers on one order form'],
    ] as const) {
      const posted = await context.hub.app.inject({
        method: 'POST',
        url: '/v1/interactions',
        headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
        payload: JSON.stringify(generic(id, [...identifiers], text)),
      });
      assert.is(posted.statusCode, 202, posted.body);
    }
    await context.hub.projectionCaughtUp();
    const byEmail = (await inject(context, 'GET', '/v1/customers/lookup?email=mina@example.ir')).body.id as string;

    for (const [viewport, width] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      for (const locale of ['en', 'fa'] as const) {
        const { page, errors, close } = await signedInPage(context, viewport, locale);
        try {
          await page.goto(`${context.url}#/customers/${byEmail}`);
          const candidate = page.locator('.candidates .candidate');
          await candidate.waitFor({ timeout: 10_000 });
          assert.match(String(await candidate.textContent()), /\+989351234567/);
          assert.match(String(await candidate.textContent()), /Both numbers on one order form/);
          await shot(page, `customer-candidates-${locale}-${width}`);
          assert.equal(await accessibilityProblems(page), [], `the profile with candidates, ${locale}, ${width}`);
          assert.ok((await overflowOf(page)) <= 0, `no sideways scrolling at ${viewport.width} px`);
          // The erasure dialog names what goes; opened and cancelled here.
          await page.locator('button.erase-open').click();
          const dialog = page.locator('dialog.erase');
          await dialog.waitFor();
          await shot(page, `erase-dialog-${locale}-${width}`);
          assert.equal(await accessibilityProblems(page), [], `the erasure dialog, ${locale}, ${width}`);
          await dialog.locator('button.secondary').click();
          assert.equal(errors, []);
        } finally {
          await close();
        }
      }
    }

    const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
    try {
      page.on('dialog', (confirmation) => void confirmation.accept());
      await page.goto(`${context.url}#/customers/${byEmail}`);
      await page.locator('.candidates .candidate button').click();
      await page.locator('.history', { hasText: 'Merged customers' }).waitFor({ timeout: 10_000 });
      assert.is(await page.locator('.candidates').count(), 0, 'no longer a candidate');
      assert.match(String(await page.locator('.history').textContent()), /\+989351234567/, 'her phone is here now');
      await page.locator('.history button', { hasText: 'Undo merge' }).click();
      await page.locator('.candidates .candidate').waitFor({ timeout: 10_000 });
      assert.not.match(String(await page.locator('.history').textContent()), /\+989351234567/, 'the phone went back');

      // Erasure: the button works only once the name is typed out.
      await page.locator('button.erase-open').click();
      const dialog = page.locator('dialog.erase');
      assert.match(String(await dialog.textContent()), /Identifiers: 1 \(/);
      const erase = dialog.locator('button[type=submit]');
      assert.ok(await erase.isDisabled(), 'not before the name is typed');
      await dialog.locator('input[name=confirm]').fill('Mina Karimi');
      await dialog.locator('input[name=reason]').fill('Her request of 6 December');
      await erase.click();
      await page.locator('.notice', { hasText: 'The customer was erased.' }).waitFor({ timeout: 10_000 });
      const gone = await inject(context, 'GET', `/v1/customers/${byEmail}/profile`);
      assert.is(gone.status, 404, 'erased');
      assert.equal(errors, []);
    } finally {
      await close();
    }
  },
);

replies.run();
