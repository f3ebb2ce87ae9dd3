import { waitFor } from '@hub/testing';
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { createColleagues, customerMail, postEmail, signIn } from './testing/agent-workspace.fixture.ts';
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

// The agent console's cases screens in Chromium on the embedded hub: an agent opens a case for a
// customer, links her conversation, notes, hands it over and takes it back, resolves and closes
// it, the API showing each change; a colleague whose live feed is gone acts on what they saw and
// is shown the conflict and the current state. Screenshots in both locales at both widths.

interface Context extends ConsoleHub {
  admin: { token: string; userId: string };
  maryam: { token: string; userId: string };
  customerId: string;
  /** Her two email conversations: the teapot (linked in the first test) and the invoice. */
  teapot: string;
  invoice: string;
}

type Json = Record<string, unknown>;

async function call(hub: ComposedHub, method: 'GET' | 'POST', url: string, token: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.json() as Json };
}

/** The case as the API shows it once `check` holds (the read model follows the stream). */
const caseWhen = (context: Context, ref: string, check: (view: Json) => boolean, what: string) =>
  waitFor(
    async () => {
      const found = await call(context.hub, 'GET', `/v1/cases/${ref}`, context.admin.token);
      return found.status === 200 && check(found.body) ? found.body : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50, what },
  );

/** The case page's status, as its badge says it to scripts. */
const statusOn = (page: Page) => page.locator('.case-status[data-status]').getAttribute('data-status');

const cases = suite<Context>('the console cases screens in Chromium');

cases.before(async (context) => {
  Object.assign(context, await startConsoleHub());
  const { hub } = context;
  context.admin = await signIn(hub, ADMIN_EMAIL, ADMIN_PASSWORD);
  context.maryam = (await createColleagues(hub, context.admin.token)).maryam;
  await postEmail(hub, customerMail('teapot@mail.example', 'قوری شکسته رسید', 'سفارش ORD-1001 شکسته رسید'));
  await postEmail(hub, customerMail('invoice@mail.example', 'Invoice for order 1001', 'Please send the invoice.'));
  await hub.projectionCaughtUp();
  const inbox = await call(hub, 'GET', '/v1/inbox?status=open', context.admin.token);
  const rows = inbox.body.conversations as { id: string; customerId: string; subject: string }[];
  assert.is(rows.length, 2, 'two emails, two conversations');
  context.customerId = rows[0]?.customerId as string;
  context.teapot = rows.find((row) => row.subject.startsWith('قوری'))?.id as string;
  context.invoice = rows.find((row) => row.subject.startsWith('Invoice'))?.id as string;
});

cases.after(async (context) => {
  await context.stop?.();
});

cases(
  'an agent opens a case for a customer, links her conversation, notes, hands it over, takes it back, resolves and closes it',
  async (context) => {
    const { page, close } = await signedInPage(context, DESKTOP, 'en');
    // What goes wrong on the cases screens, from here on (the inbox the sign-in lands on is not theirs).
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(`console: ${message.text()} at ${message.location().url}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    try {
      await page.locator('.section-link', { hasText: 'Cases' }).click();
      await page.locator('.cases .muted', { hasText: 'No cases here.' }).waitFor({ timeout: 10_000 });

      // Open: find her by name, choose her, write the subject.
      await page.locator('.new-case summary').click();
      await page.getByLabel('Find the customer').fill('Sara');
      await page.locator('.find-customer button').click();
      await page
        .locator('select[name=customerId] option', { hasText: 'Sara Rezaei' })
        .waitFor({ state: 'attached', timeout: 10_000 });
      await page.getByLabel('Subject').fill('The teapot arrived broken');
      await page.getByLabel('Order reference').fill('ORD-1001');
      await page.locator('.new-case-form button[type=submit]').click();
      await page.locator('h1', { hasText: 'The teapot arrived broken' }).waitFor({ timeout: 10_000 });
      const number = /#\/cases\/(C-\d{4}-\d+)$/.exec(page.url())?.[1] as string;
      assert.ok(number, `the case's page is addressed by its number (${page.url()})`);
      const opened = await caseWhen(context, number, () => true, 'the case opened');
      assert.is(opened.subject, 'The teapot arrived broken');
      assert.is(opened.customerId, context.customerId);
      assert.is(opened.customerName, 'Sara Rezaei');
      assert.is(opened.kind, 'complaint');
      assert.is(opened.orderReference, 'ORD-1001');
      assert.is(opened.ownerId, context.admin.userId, 'who opens it owns it');
      assert.equal(opened.nextStatuses, ['investigating']);
      assert.match(String(await page.locator('.case-owner').textContent()), /you/);

      // Link the teapot conversation; its link leads to the conversation.
      await page.getByLabel("Link one of the customer's conversations").selectOption(context.teapot);
      await page.locator('.case-link button[type=submit]').click();
      const linked = page.locator(`.linked-conversation[data-conversation="${context.teapot}"] a`);
      await linked.waitFor({ timeout: 10_000 });
      assert.is(await linked.getAttribute('href'), `#/conversations/${context.teapot}`);
      assert.is(String(await linked.textContent()), 'قوری شکسته رسید');
      const withLink = await caseWhen(context, number, (v) => (v.conversationIds as string[]).length === 1, 'linked');
      assert.equal(withLink.conversationIds, [context.teapot]);
      assert.equal(
        (withLink.conversations as { id: string; subject: string }[]).map((c) => [c.id, c.subject]),
        [[context.teapot, 'قوری شکسته رسید']],
      );

      // A note.
      await page.getByLabel('Note', { exact: true }).fill('Courier says the box was crushed; replacement sent.');
      await page.locator('.composer.note .send').click();
      await page.locator('.items .note', { hasText: 'Courier says' }).waitFor({ timeout: 10_000 });
      const noted = await caseWhen(
        context,
        number,
        (v) => (v.items as { kind: string }[]).some((i) => i.kind === 'note'),
        'the note',
      );
      const note = (noted.items as { kind: string; data: { text: string } }[]).find((i) => i.kind === 'note');
      assert.is(note?.data.text, 'Courier says the box was crushed; replacement sent.');

      // Handed to Maryam, then taken back.
      await page.getByLabel('Give to').selectOption({ label: 'maryam' });
      await page.locator('.case-owner', { hasText: 'maryam' }).waitFor({ timeout: 10_000 });
      await caseWhen(context, number, (v) => v.ownerId === context.maryam.userId, 'owned by Maryam');
      await page.locator('.case-controls button', { hasText: 'Take it' }).click();
      await page.locator('.case-owner', { hasText: 'you' }).waitFor({ timeout: 10_000 });
      await caseWhen(context, number, (v) => v.ownerId === context.admin.userId, 'owned by the agent again');

      // Investigating, resolved, closed: each from the lifecycle's choices.
      for (const status of ['investigating', 'resolved', 'closed']) {
        await page.getByLabel('Move to').selectOption(status);
        await page.locator('.case-move button[type=submit]').click();
        await waitFor(async () => ((await statusOn(page)) === status ? true : undefined), {
          timeoutMs: 10_000,
          what: `the page shows ${status}`,
        });
      }
      assert.match(String(await page.locator('.case-controls').textContent()), /only notes can be added/);
      const done = await caseWhen(context, number, (v) => v.status === 'closed', 'closed');
      assert.ok(done.closedAt, 'closed at a time');
      assert.equal(done.nextStatuses, []);
      const items = done.items as { kind: string; actor: { userId?: string }; data: { to?: string } }[];
      assert.equal(
        items.map((i) => i.data.to ?? i.kind),
        ['opened', 'linked', 'note', 'owner', 'owner', 'investigating', 'resolved', 'closed'],
      );
      for (const item of items) assert.is(item.actor.userId, context.admin.userId, `${item.kind} names the agent`);
      assert.match(String(await page.locator('.history').textContent()), /Status: Resolved → Closed/);

      // The list: its row says what it is, with whom, where it stands and who has it.
      await page.locator('a.back').click();
      const row = page.locator(`.rows .row[data-case="${number}"]`);
      await row.waitFor({ timeout: 10_000 });
      const text = String(await row.textContent());
      for (const part of [number, 'The teapot arrived broken', 'Sara Rezaei', 'Closed', 'Owner: you']) {
        assert.ok(text.includes(part), `the row shows ${part}: ${text}`);
      }
      await page.locator('.case-filters select[name=status]').selectOption('new');
      await page.locator('.cases .muted', { hasText: 'No cases here.' }).waitFor({ timeout: 10_000 });
      await page.locator('.case-filters select[name=status]').selectOption('');
      await page.locator('.filter', { hasText: 'Mine' }).click();
      await row.waitFor({ timeout: 10_000 });
      // Keyboard: focus the list, Enter opens the selected case.
      await page.locator('ul.rows').focus();
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: number }).waitFor({ timeout: 10_000 });
      assert.equal(refused, [], 'every request answered, no error in the page');
    } finally {
      await close();
    }
  },
);

cases(
  'a colleague without the live feed changes the status they saw: told a colleague changed it, shown the current state',
  async (context) => {
    const { hub, admin, maryam } = context;
    const opened = await call(hub, 'POST', '/v1/cases', maryam.token, {
      kind: 'information-request',
      customerId: context.customerId,
      subject: 'Can the invoice show my company name?',
      conversationIds: [context.invoice],
    });
    assert.is(opened.status, 201, JSON.stringify(opened.body));
    const number = opened.body.number as string;
    await caseWhen(context, number, () => true, 'the case');

    const colleague = await signedInPage(context, DESKTOP, 'en', { live: false });
    try {
      await colleague.page.goto(`${context.url}#/cases/${number}`);
      await colleague.page.getByLabel('Move to').waitFor({ timeout: 10_000 });
      assert.is(await statusOn(colleague.page), 'new');

      // Maryam answers it meanwhile; the colleague's page does not hear of it.
      const answered = await call(hub, 'POST', `/v1/cases/${opened.body.caseId}/status`, maryam.token, {
        revision: opened.body.revision,
        status: 'answered',
      });
      assert.is(answered.status, 200, JSON.stringify(answered.body));
      await caseWhen(context, number, (v) => v.status === 'answered', 'answered');
      assert.is(await statusOn(colleague.page), 'new', 'the stale page still shows new');

      await colleague.page.locator('.case-move button[type=submit]').click();
      await colleague.page.locator('.notice[role=alert]').waitFor({ timeout: 10_000 });
      assert.match(String(await colleague.page.locator('.notice').textContent()), /colleague changed this case/);
      await waitFor(async () => ((await statusOn(colleague.page)) === 'answered' ? true : undefined), {
        timeoutMs: 10_000,
        what: 'the current status on the stale page',
      });
      assert.equal(
        await colleague.page.getByLabel('Move to').locator('option').allTextContents(),
        ['Closed'],
        'the choices of the current status',
      );
      await shot(colleague.page, 'case-conflict-en-desktop');
      const view = await call(hub, 'GET', `/v1/cases/${number}`, admin.token);
      assert.equal(
        (view.body.items as { kind: string }[]).map((i) => i.kind),
        ['opened', 'status'],
        'the stale change changed nothing',
      );
      assert.equal(
        colleague.errors.filter((e) => !/409|ERR_FAILED/.test(e)),
        [],
        'no errors but the 409 answer and the blocked live feed',
      );
    } finally {
      await colleague.close();
    }
  },
);

cases('the cases list and a case in English and Persian, at desktop and phone width', async (context) => {
  const { hub, admin } = context;
  // A complaint under investigation, in Persian, linked and noted: a case with everything to show.
  const opened = await call(hub, 'POST', '/v1/cases', admin.token, {
    kind: 'complaint',
    customerId: context.customerId,
    subject: 'قوری شکسته رسید؛ مشتری جایگزین می‌خواهد',
    description: 'درب قوری ترک دارد و دسته‌اش شکسته است.',
    orderReference: 'ORD-1001',
    conversationIds: [context.teapot, context.invoice],
  });
  assert.is(opened.status, 201, JSON.stringify(opened.body));
  const path = `/v1/cases/${opened.body.caseId}`;
  const noted = await call(hub, 'POST', `${path}/notes`, admin.token, {
    revision: opened.body.revision,
    text: 'با پیک تماس گرفتم؛ جعبه له شده بود. قوری تازه فردا فرستاده می‌شود.',
  });
  const moved = await call(hub, 'POST', `${path}/status`, admin.token, {
    revision: noted.body.revision,
    status: 'investigating',
  });
  assert.is(moved.status, 200, JSON.stringify(moved.body));
  const number = opened.body.number as string;
  await caseWhen(context, number, (v) => v.status === 'investigating', 'investigating');

  for (const [viewport, width] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    for (const locale of ['en', 'fa'] as const) {
      const { page, errors, close } = await signedInPage(context, viewport, locale);
      try {
        await page.goto(`${context.url}#/cases`);
        await page.locator(`.rows .row[data-case="${number}"]`).waitFor({ timeout: 10_000 });
        if (locale === 'fa') {
          assert.match(String(await page.locator('h1').first().textContent()), /پرونده‌ها/);
          // Persian digits and the Solar Hijri year (1405) in the rows' dates.
          assert.match(String(await page.locator('.rows time').first().textContent()), /۱۴۰۵/);
          assert.match(String(await page.locator('.rows .row').first().textContent()), /در حال بررسی/);
        }
        await shot(page, `cases-${locale}-${width}`);
        assert.equal(await accessibilityProblems(page), [], `the cases list, ${locale}, ${width}`);
        assert.ok((await overflowOf(page)) <= 0, `the list does not scroll sideways at ${viewport.width} px`);

        await page.locator('.new-case summary').click();
        await page.locator('.new-case-form input[name=q]').fill('Sara');
        await page.locator('.new-case-form input[name=q]').press('Enter');
        await page.locator('select[name=customerId]').waitFor({ timeout: 10_000 });
        await shot(page, `case-new-${locale}-${width}`);
        assert.equal(await accessibilityProblems(page), [], `the new case form, ${locale}, ${width}`);
        assert.ok((await overflowOf(page)) <= 0, `the form does not scroll sideways at ${viewport.width} px`);

        await page.locator(`.rows .row[data-case="${number}"] a`).click();
        await page.locator('.items .note').waitFor({ timeout: 10_000 });
        await page.locator('.linked-conversation').nth(1).waitFor({ timeout: 10_000 });
        if (locale === 'fa') {
          assert.match(String(await page.locator('.case-status').textContent()), /در حال بررسی/);
          assert.match(String(await page.locator('.history').textContent()), /۱۴۰۵/);
        }
        await shot(page, `case-${locale}-${width}`);
        assert.equal(await accessibilityProblems(page), [], `the case, ${locale}, ${width}`);
        assert.ok((await overflowOf(page)) <= 0, `the case does not scroll sideways at ${viewport.width} px`);
        assert.equal(errors, []);
      } finally {
        await close();
      }
    }
  }
});

cases.run();
