import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@hub/testing';
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { customerMail, postEmail, signIn } from './testing/agent-workspace.fixture.ts';
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

// The console's admin section in Chromium, as the shop's admin sets the hub up on the first day:
// a colleague's account, a team, an inbox, an SLA target, canned responses; the web form the
// forms file declares; who is working on what. An agent sees none of it. Screenshots of every
// admin screen in English and Persian at desktop and phone width go to test-artefacts/console/.

const MARYAM = { email: 'maryam@shop.example', name: 'Maryam Ahmadi', password: 'maryam-first-password' };
const REZA = { email: 'reza@shop.example', name: 'رضا کریمی', password: 'reza-first-password-1' };
const TEAM = 'پشتیبانی فروش';

interface Context extends ConsoleHub {
  dataDir: string;
  adminToken: string;
}

const admin = suite<Context>('the admin screens of the console in Chromium');

admin.before(async (context) => {
  context.dataDir = await mkdtemp(join(tmpdir(), 'hub-console-admin-'));
  const forms = join(context.dataDir, 'webforms.json');
  await writeFile(
    forms,
    JSON.stringify({
      forms: [
        {
          id: 'contact-us',
          fields: { email: 'email', name: 'full_name', message: 'body' },
          honeypot: 'website',
          thankYouUrl: 'https://shop.example/thanks',
        },
      ],
    }),
  );
  Object.assign(
    context,
    await startConsoleHub({ HUB_DATA_DIR: join(context.dataDir, 'hub'), HUB_WEBFORMS_FILE: forms }),
  );
  // The inbox has a conversation to show (signing in waits for it) and to preview replies in.
  await postEmail(context.hub, customerMail('admin-first@mail.example', 'سفارش ۷۷', 'سلام، سفارشم کی می‌رسد؟'));
  await context.hub.projectionCaughtUp();
  context.adminToken = (await signIn(context.hub, ADMIN_EMAIL, ADMIN_PASSWORD)).token;
  // Chromium asks for /favicon.ico once per browser, and the console has none: asked here, its
  // 404 is not taken for an error of the pages under test.
  const first = await context.browser.newPage();
  const favicon = first
    .waitForEvent('console', { predicate: (m) => /404/.test(m.text()), timeout: 5_000 })
    .catch(() => undefined);
  await first.goto(context.url);
  await favicon;
  await first.close();
});

admin.after(async (context) => {
  await context.stop?.();
  await rm(context.dataDir, { recursive: true, force: true });
});

/** The API as the admin sees it (JSON). */
async function read<T>(context: Context, url: string): Promise<T> {
  const response = await context.hub.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${context.adminToken}` },
  });
  assert.is(response.statusCode, 200, response.body);
  return response.json() as T;
}

/** Until `probe` holds, polling every 100 ms. */
const until = (what: string, probe: () => Promise<boolean>, timeoutMs = 10_000) =>
  waitFor(async () => ((await probe()) ? true : undefined), { timeoutMs, what });

const openSection = async (page: Page, label: string) => {
  await page.locator('.admin-nav a', { hasText: label }).click();
  await page.locator('.admin-nav a[aria-current=page]', { hasText: label }).waitFor();
};

const saidSaved = (page: Page, text: RegExp | string = 'Saved.') =>
  page.locator('.outcome', { hasText: text }).waitFor({ timeout: 10_000 });

admin('an admin creates a colleague who can sign in, deactivates another, sets a password', async (context) => {
  const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
  try {
    await page.locator('.admin-link').click();
    await page.locator('.admin h2', { hasText: 'Users' }).waitFor();
    for (const user of [MARYAM, REZA]) {
      const form = page.locator('form.admin-form');
      await form.getByLabel('Display name').fill(user.name);
      await form.getByLabel('Email').fill(user.email);
      await form.getByLabel('Role').selectOption('agent');
      await form.getByLabel('Password').fill(user.password);
      await form.locator('button[type=submit]').click();
      await page.locator(`[data-user="${user.email}"]`).waitFor({ timeout: 10_000 });
    }
    assert.match(String(await page.locator('.outcome').textContent()), /can now sign in/);
    await signIn(context.hub, MARYAM.email, MARYAM.password);

    // Reza leaves: deactivated, he can no longer sign in.
    const reza = page.locator(`[data-user="${REZA.email}"]`);
    await reza.locator('button', { hasText: 'Deactivate' }).click();
    await reza.locator('button', { hasText: 'Reactivate' }).waitFor({ timeout: 10_000 });
    const { users } = await read<{ users: { email: string; active: boolean; role: string }[] }>(context, '/v1/users');
    assert.is(users.find((u) => u.email === REZA.email)?.active, false);
    const refused = await context.hub.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      payload: { email: REZA.email, password: REZA.password },
    });
    assert.is(refused.statusCode, 401);

    // Maryam forgot hers: the admin sets a new one, and it is the one that works.
    const maryam = page.locator(`[data-user="${MARYAM.email}"]`);
    await maryam.getByLabel(`New password for ${MARYAM.name}`).fill('maryam-second-password');
    await maryam.locator('button', { hasText: 'Set password' }).click();
    await saidSaved(page, 'Password set.');
    await signIn(context.hub, MARYAM.email, 'maryam-second-password');
    MARYAM.password = 'maryam-second-password';

    // A role changed and back: the select shows what the API has.
    await maryam.getByLabel(`Role of ${MARYAM.name}`).selectOption('supervisor');
    await until('Maryam a supervisor in the API', async () =>
      (await read<{ users: { email: string; role: string }[] }>(context, '/v1/users')).users.some(
        (u) => u.email === MARYAM.email && u.role === 'supervisor',
      ),
    );
    await maryam.getByLabel(`Role of ${MARYAM.name}`).selectOption('agent');
    await until('Maryam an agent again', async () =>
      (await read<{ users: { email: string; role: string }[] }>(context, '/v1/users')).users.some(
        (u) => u.email === MARYAM.email && u.role === 'agent',
      ),
    );
    assert.equal(errors, []);
  } finally {
    await close();
  }
});

admin('the admin makes a team with Maryam in it, and an inbox that routes to it', async (context) => {
  const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
  try {
    await page.locator('.admin-link').click();
    await openSection(page, 'Teams');
    const form = page.locator('form.admin-form');
    await form.getByLabel('Name').fill(TEAM);
    await form.getByLabel('Open conversations per agent').fill('3');
    await form.locator('button[type=submit]').click();
    const team = page.locator(`[data-team="${TEAM}"]`);
    await team.waitFor({ timeout: 10_000 });
    await team.getByLabel(`Member to add to ${TEAM}`).selectOption({ label: MARYAM.name });
    await team.locator('button', { hasText: 'Add member' }).click();
    await team.locator('.chip', { hasText: MARYAM.name }).waitFor({ timeout: 10_000 });
    const maryamId = (await signIn(context.hub, MARYAM.email, MARYAM.password)).userId;
    const { teams } = await read<{
      teams: { teamId: string; name: string; members: string[]; maxOpenPerAgent: number }[];
    }>(context, '/v1/teams');
    const saved = teams.find((t) => t.name === TEAM);
    assert.ok(saved, 'the team is in the API');
    assert.equal(saved.members, [maryamId]);
    assert.is(saved.maxOpenPerAgent, 3);

    await openSection(page, 'Inboxes');
    const inboxForm = page.locator('form.admin-form');
    await inboxForm.getByLabel('Name').fill('Sales email');
    await inboxForm.locator('select[name=channel]').selectOption('email');
    await inboxForm.getByLabel('Endpoints').fill('sales@shop.example');
    await inboxForm.getByLabel('Team').selectOption({ label: TEAM });
    await inboxForm.locator('button[type=submit]').click();
    await page.locator('[data-inbox="Sales email"]').waitFor({ timeout: 10_000 });
    const { inboxes } = await read<{ inboxes: { name: string; endpoints: string[]; teamId: string | null }[] }>(
      context,
      '/v1/inboxes',
    );
    assert.equal(
      inboxes.map((i) => ({ name: i.name, endpoints: i.endpoints, teamId: i.teamId })),
      [{ name: 'Sales email', endpoints: ['sales@shop.example'], teamId: saved.teamId }],
    );
    assert.equal(errors, []);
  } finally {
    await close();
  }
});

admin("the admin changes an SLA policy's first-response target and it is saved", async (context) => {
  const put = (url: string, payload: unknown) =>
    context.hub.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${context.adminToken}` },
      payload: payload as Record<string, unknown>,
    });
  const week = [[], ...Array.from({ length: 4 }, () => [{ start: '09:00', end: '17:00' }]), [], []];
  assert.is(
    (await put('/v1/service-levels/calendars/tehran', { timeZone: 'Asia/Tehran', workingHours: week })).statusCode,
    200,
  );
  const policy = { name: 'Standard', calendarId: 'tehran', targets: { firstResponse: 60, resolution: 1440 } };
  assert.is((await put('/v1/service-levels/policies/standard', policy)).statusCode, 200);

  const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
  try {
    await page.locator('.admin-link').click();
    await openSection(page, 'SLA');
    const form = page.locator('[data-policy=standard]');
    assert.is(await form.getByLabel('First response').inputValue(), '60');
    await form.getByLabel('First response').fill('45');
    await form.locator('button[type=submit]').click();
    await saidSaved(page);
    const settings = await read<{ policies: { id: string; targets: Record<string, number> }[] }>(
      context,
      '/v1/service-levels',
    );
    assert.equal(settings.policies.find((p) => p.id === 'standard')?.targets, { firstResponse: 45, resolution: 1440 });
    // The calendar's week reads back as entered, Sunday first.
    const calendar = page.locator('[data-calendar=tehran]');
    assert.is(await calendar.getByLabel('Working hours on Monday').inputValue(), '09:00-17:00');
    assert.is(await calendar.getByLabel('Working hours on Friday').inputValue(), '');
    assert.equal(errors, []);
  } finally {
    await close();
  }
});

admin('the admin creates, edits, previews and deletes a canned response', async (context) => {
  const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
  type Canned = { cannedResponses: { shortcut: string; title: string; text: string }[] };
  try {
    await page.locator('.admin-link').click();
    await openSection(page, 'Canned responses');
    const create = async (shortcut: string, title: string, text: string) => {
      const form = page.locator('form.admin-form').last();
      await form.getByLabel('Shortcut').fill(shortcut);
      await form.getByLabel('Title').fill(title);
      await form.getByLabel('Text').fill(text);
      await form.locator('button[type=submit]').click();
      await page.locator(`[data-canned="${shortcut}"]`).waitFor({ timeout: 10_000 });
    };
    await create('/late', 'Late order', 'Hello {{customer.name}}, your order is on its way.');
    await create('/thanks', 'سپاس', 'سپاس از شکیبایی شما، {{customer.name}}.');

    const late = page.locator('[data-canned="/late"]');
    await late.locator('button', { hasText: 'Edit' }).click();
    await late.getByLabel('Title').fill('Order delayed');
    await late.locator('button', { hasText: 'Save' }).click();
    await late.locator('strong', { hasText: 'Order delayed' }).waitFor({ timeout: 10_000 });
    assert.ok(
      (await read<Canned>(context, '/v1/canned-responses')).cannedResponses.some(
        (c) => c.shortcut === '/late' && c.title === 'Order delayed',
      ),
    );

    // The preview fills in the customer of the conversation chosen.
    await late.locator('button', { hasText: 'Preview' }).click();
    await late.locator('output').waitFor({ timeout: 10_000 });
    assert.match(String(await late.locator('output').textContent()), /^Hello Sara Rezaei, your order is on its way\.$/);

    await late.locator('button', { hasText: 'Delete' }).click();
    await late.locator('button', { hasText: 'Really delete' }).click();
    await page.locator('[data-canned="/late"]').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(
      (await read<Canned>(context, '/v1/canned-responses')).cannedResponses.map((c) => c.shortcut),
      ['/thanks'],
    );
    assert.equal(errors, []);
  } finally {
    await close();
  }
});

admin('the admin sees the configured web form, how to embed it, and the workload live', async (context) => {
  const { page, errors, close } = await signedInPage(context, DESKTOP, 'en');
  try {
    await page.locator('.admin-link').click();
    await openSection(page, 'Web forms');
    const form = page.locator('[data-web-form=contact-us]');
    await form.waitFor({ timeout: 10_000 });
    const endpoint = `${context.url}v1/channels/webform/contact-us`;
    assert.match(String(await form.locator('.admin-endpoint').textContent()), endpoint);
    const embed = String(await form.locator('pre').textContent());
    assert.match(embed, `<form action="${endpoint}" method="post">`);
    assert.match(embed, '<input type="email" name="email">');
    assert.match(embed, '<textarea name="body"></textarea>');
    assert.match(embed, '<input name="website" style="display:none"');
    // The embed works as pasted: a post to it is accepted.
    const posted = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ email: 'neda@example.ir', full_name: 'Neda', body: 'Do you ship to Shiraz?' }),
    });
    assert.is(posted.status, 202);

    await openSection(page, 'Workload');
    const maryamId = (await signIn(context.hub, MARYAM.email, MARYAM.password)).userId;
    const row = page.locator(`[data-agent="${maryamId}"]`);
    await row.waitFor({ timeout: 10_000 });
    assert.match(String(await row.textContent()), new RegExp(`${MARYAM.name}.*${TEAM}`));
    assert.is(await row.locator('td').nth(1).textContent(), '0', 'nothing open yet');
    await page.locator(`[data-queue="${TEAM}"]`).waitFor();

    // A conversation given to her shows in her open count without a reload.
    const { conversations } = await read<{ conversations: { id: string; revision: number }[] }>(
      context,
      '/v1/inbox?status=open',
    );
    const conversation = conversations[0];
    assert.ok(conversation);
    const assigned = await context.hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${conversation.id}/assignment`,
      headers: { authorization: `Bearer ${context.adminToken}` },
      payload: { agentId: maryamId, teamId: null, revision: conversation.revision },
    });
    assert.is(assigned.statusCode, 200, assigned.body);
    await until(
      'Maryam with one open conversation, live',
      async () => (await row.locator('td').nth(1).textContent()) === '1',
    );
    assert.equal(errors, []);
  } finally {
    await close();
  }
});

admin('an agent sees no Admin link, and the users page says she may not', async (context) => {
  const { page, close } = await signedInPage(context, DESKTOP, 'en', {
    email: MARYAM.email,
    password: MARYAM.password,
  });
  try {
    assert.is(await page.locator('.bar nav a').first().textContent(), 'Inbox');
    assert.is(await page.locator('.admin-link').count(), 0, 'no Admin link for an agent');
    await page.goto(`${context.url}#/admin/users`);
    await page.locator('[data-forbidden]').waitFor({ timeout: 10_000 });
    assert.match(String(await page.locator('[data-forbidden]').textContent()), /do not have access/);
    assert.is(await page.locator('[data-user]').count(), 0);
    await shot(page, 'admin-forbidden-en-desktop');
    assert.equal(await accessibilityProblems(page), [], 'the refusal');
  } finally {
    await close();
  }
});

const sections = [
  ['users', '[data-user]'],
  ['teams', '[data-team]'],
  ['inboxes', '[data-inbox]'],
  ['service-levels', '[data-policy]'],
  ['canned-responses', '[data-canned]'],
  ['web-forms', '[data-web-form]'],
  ['workload', '[data-queues]'],
] as const;

admin('every admin screen in English and Persian, at desktop and phone width', async (context) => {
  for (const [viewport, width] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    for (const locale of ['en', 'fa'] as const) {
      const { page, errors, close } = await signedInPage(context, viewport, locale);
      try {
        for (const [section, shown] of sections) {
          await page.goto(`${context.url}#/admin/${section}`);
          await page.locator(shown).first().waitFor({ timeout: 10_000 });
          if (locale === 'fa') assert.match(String(await page.locator('h1').first().textContent()), /مدیریت/);
          const name = `admin-${section}-${locale}-${width}`;
          await shot(page, name);
          assert.equal(await accessibilityProblems(page), [], name);
          const overflow = await overflowOf(page);
          assert.ok(overflow <= 0, `${name}: no sideways scrolling (${overflow} px too wide)`);
        }
        assert.equal(errors, []);
      } finally {
        await close();
      }
    }
  }
});

admin.run();
