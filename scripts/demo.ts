// `pnpm demo`: fills a running hub (the Quick start's, by default) with a month of a small shop's
// traffic through the public intake endpoints, the way its channels would send it: 24 customers
// with Persian and English names writing by email, calling, chatting on the website and
// commenting on social media; then, through the agent API, an SLA policy, half of the older
// conversations resolved and a few cases. Run it once after `npm start` and open the console.
//
//   HUB_URL        the hub (http://127.0.0.1:3000)
//   HUB_DATA_DIR   where the embedded hub keeps secrets.json (.hub-data): the channel token and the
//                  first admin's password; or give HUB_CHANNEL_TOKEN and HUB_ADMIN_EMAIL/PASSWORD
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const hubUrl = (process.env.HUB_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const dataDir = resolve(process.env.HUB_DATA_DIR ?? '.hub-data');

function secrets(): { channelToken: string; adminEmail: string; adminPassword: string } {
  let stored: { channelToken?: string; adminPassword?: string } = {};
  try {
    stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  } catch {
    // Not the embedded default: the environment must say.
  }
  const channelToken = process.env.HUB_CHANNEL_TOKEN ?? stored.channelToken;
  const adminPassword = process.env.HUB_ADMIN_PASSWORD ?? stored.adminPassword;
  if (!channelToken || !adminPassword) {
    console.error(
      `demo: no channel token or admin password: start the hub with \`npm start\` first (it writes ${join(dataDir, 'secrets.json')}), or set HUB_CHANNEL_TOKEN and HUB_ADMIN_PASSWORD`,
    );
    process.exit(2);
  }
  return { channelToken, adminEmail: process.env.HUB_ADMIN_EMAIL ?? 'admin@localhost', adminPassword };
}

/** A small deterministic generator (mulberry32): the same demo every time. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(1405);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const people = [
  ['سارا رضایی', 'sara.rezaei'],
  ['علی محمدی', 'ali.mohammadi'],
  ['مریم کاظمی', 'maryam.kazemi'],
  ['رضا احمدی', 'reza.ahmadi'],
  ['زهرا حسینی', 'zahra.hosseini'],
  ['حسین کریمی', 'hossein.karimi'],
  ['فاطمه موسوی', 'fatemeh.mousavi'],
  ['محمد جعفری', 'mohammad.jafari'],
  ['نرگس صادقی', 'narges.sadeghi'],
  ['امیر تهرانی', 'amir.tehrani'],
  ['لیلا نوری', 'leila.nouri'],
  ['کاوه شریفی', 'kaveh.sharifi'],
  ['Emma Clark', 'emma.clark'],
  ['Liam Turner', 'liam.turner'],
  ['Olivia Brooks', 'olivia.brooks'],
  ['Noah Bennett', 'noah.bennett'],
  ['Ava Morgan', 'ava.morgan'],
  ['James Carter', 'james.carter'],
  ['Mia Foster', 'mia.foster'],
  ['Lucas Reed', 'lucas.reed'],
  ['Sophia Hayes', 'sophia.hayes'],
  ['Ethan Price', 'ethan.price'],
  ['Darius Farahani', 'darius.farahani'],
  ['Shirin Golzar', 'shirin.golzar'],
] as const;

const topics: Record<'fa' | 'en', readonly (readonly [string, string])[]> = {
  fa: [
    ['سفارش ۱۲۳۴ کجاست؟', 'سلام، سفارشم را هفتهٔ پیش ثبت کردم و هنوز نرسیده. کد پیگیری دارید؟'],
    ['درخواست فاکتور', 'لطفا فاکتور رسمی خرید ماه گذشته را برایم بفرستید.'],
    ['مرجوعی کالا', 'کفش سایزش کوچک است؛ چطور مرجوع کنم؟'],
    ['تاخیر در ارسال', 'قرار بود دیروز برسد. چه شده؟'],
    ['پرسش دربارهٔ محصول', 'این مدل گارانتی دارد؟ رنگ مشکی موجود است؟'],
  ],
  en: [
    ['Where is order 5678?', 'Hi, I ordered last week and nothing has arrived yet. Is there a tracking number?'],
    ['Invoice request', 'Could you send me the invoice for last month’s purchase, please?'],
    ['Return a jacket', 'The jacket is too small. How do I send it back?'],
    ['Late delivery', 'It was due yesterday. What happened?'],
    ['Product question', 'Does this model come with a warranty? Is it available in black?'],
  ],
};

async function send(path: string, token: string, body: string, contentType: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${hubUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
    // A busy hub answers 503 with retry-after: wait as a provider would.
    if (response.status !== 503 || attempt === 5) return response;
    await new Promise((done) => setTimeout(done, 1000 * Number(response.headers.get('retry-after') ?? 1)));
  }
}

async function main() {
  const { channelToken, adminEmail, adminPassword } = secrets();
  const health = await fetch(`${hubUrl}/health`).catch(() => undefined);
  if (!health) {
    console.error(`demo: no hub answers at ${hubUrl}: start it with \`npm start\` (or set HUB_URL)`);
    process.exit(2);
  }
  const now = Date.now();
  const day = 86_400_000;
  let sent = 0;
  let refused = 0;
  const total = people.length;
  for (const [index, [name, handle]] of people.entries()) {
    const persian = index < 12;
    const email = `${handle}@${persian ? 'example.ir' : 'example.com'}`;
    const phone = `+98912${String(1_000_000 + index * 7919).slice(-7)}`;
    const contacts = 2 + Math.floor(next() * 4);
    // Their first contact is a website chat where they left both their email and their phone.
    let at = now - (3 + next() * 27) * day;
    for (let c = 0; c < contacts; c++) {
      const [subject, text] = pick(topics[persian ? 'fa' : 'en']);
      const channel = c === 0 ? 'chat' : pick(['email', 'email', 'phone', 'chat', 'social'] as const);
      const occurredAt = new Date(at).toISOString();
      const id = `demo-${index}-${c}`;
      let response: Response;
      if (channel === 'email') {
        const message = [
          `From: ${persian ? 'Customer' : name} <${email}>`,
          'To: support@shop.example',
          `Subject: ${subject}`,
          `Message-ID: <${id}@mail.example>`,
          `Date: ${new Date(at).toUTCString().replace('GMT', '+0000')}`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
          '',
        ].join('\r\n');
        response = await send('/v1/channels/email', channelToken, message, 'message/rfc822');
      } else if (channel === 'phone') {
        const seconds = 40 + Math.floor(next() * 400);
        response = await send(
          '/v1/channels/phone/calls',
          channelToken,
          JSON.stringify({
            callId: id,
            system: 'demo-pbx',
            from: phone,
            to: '201',
            direction: 'inbound',
            startedAt: occurredAt,
            answeredAt: new Date(at + 8_000).toISOString(),
            endedAt: new Date(at + 8_000 + seconds * 1000).toISOString(),
            durationSeconds: seconds,
            outcome: next() < 0.8 ? 'answered' : 'missed',
            agentExtension: '201',
            customerName: name,
          }),
          'application/json',
        );
      } else {
        const system = channel === 'chat' ? 'website-chat' : 'instagram';
        response = await send(
          '/v1/interactions',
          channelToken,
          JSON.stringify({
            channel: 'generic',
            source: { system, externalId: id },
            direction: 'inbound',
            occurredAt,
            contact: {
              identifiers: [
                { kind: 'email', value: email },
                { kind: 'phone', value: phone },
              ],
              displayName: name,
            },
            threadKey: `${system}-${index}`,
            summary: text.slice(0, 80),
            text,
            html: null,
            details: { channel: 'generic', system, externalId: id, attributes: {} },
          }),
          'application/json',
        );
      }
      if (response.status === 202) sent += 1;
      else {
        refused += 1;
        console.error(`demo: ${channel} for ${handle} refused: ${response.status} ${await response.text()}`);
      }
      at += (0.2 + next() * 6) * day;
      if (at > now - 3_600_000) at = now - next() * 3_600_000;
    }
    console.error(`demo: customers ${index + 1}/${total}, ${sent} interactions sent`);
  }

  // The agent side: a policy with due times, half of what is older than three days resolved, cases.
  const signIn = await fetch(`${hubUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  });
  if (!signIn.ok) {
    console.error(`demo: interactions sent, but ${adminEmail} could not sign in (${signIn.status}): nothing resolved`);
    return;
  }
  const { token } = (await signIn.json()) as { token: string };
  const agent = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${hubUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
  const weekdays = [{ start: '08:00', end: '18:00' }];
  await agent('PUT', '/v1/service-levels/calendars/shop-hours', {
    timeZone: 'Asia/Tehran',
    // Saturday to Wednesday full days, Thursday mornings, Friday off.
    workingHours: [weekdays, weekdays, weekdays, weekdays, [{ start: '08:00', end: '13:00' }], [], weekdays],
    holidays: [],
  });
  await agent('PUT', '/v1/service-levels/policies/standard', {
    name: 'Standard',
    calendarId: 'shop-hours',
    targets: { firstResponse: 120, resolution: 1440 },
  });
  // The inbox fills as the projections catch up: wait until it stops growing.
  let conversations: { id: string; customerId: string; openedAt: string; revision: number; subject: string | null }[] =
    [];
  for (let steady = 0, tries = 0; steady < 3 && tries < 120; tries++) {
    await new Promise((done) => setTimeout(done, 1000));
    const page = await agent('GET', '/v1/inbox?status=all&limit=200');
    const listed = (page.body.conversations ?? []) as typeof conversations;
    steady = listed.length > 0 && listed.length === conversations.length ? steady + 1 : 0;
    conversations = listed;
  }
  let resolved = 0;
  for (const conversation of conversations) {
    if (Date.parse(conversation.openedAt) > now - 3 * day || next() < 0.5) continue;
    const answer = await agent('POST', `/v1/conversations/${conversation.id}/status`, {
      status: 'resolved',
      revision: conversation.revision,
    });
    if (answer.status === 200 || answer.status === 202) resolved += 1;
  }
  let cases = 0;
  for (const conversation of conversations.slice(0, 3)) {
    const answer = await agent('POST', '/v1/cases', {
      customerId: conversation.customerId,
      kind: cases === 0 ? 'complaint' : cases === 1 ? 'return' : 'information-request',
      subject: conversation.subject ?? 'Follow-up',
      conversationIds: [conversation.id],
      ...(cases === 1 ? { orderReference: 'A-1234' } : {}),
    });
    if (answer.status < 300) cases += 1;
    else console.error(`demo: a case was refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  console.error(
    `demo: ${sent} interactions sent${refused ? ` (${refused} refused)` : ''}, ${conversations.length} conversations, ` +
      `${resolved} resolved, ${cases} cases; open ${hubUrl}/ and sign in as ${adminEmail}`,
  );
}

await main();
