// pnpm bench:console — the agent console in headless Chromium on the data set of `pnpm bench:agent`
// (100,000 customers, 200,000 conversations, over 1,000,000 events), served by the hub as an
// operator runs it: the time from a navigation to the first inbox rows, from a click on a row to
// the conversation with the customer's timeline, from an accepted interaction to its row in an
// open inbox, and the JavaScript the first visit loads; beside each, the same API calls timed
// from Node over HTTP (the layer beneath). Last line: one JSON object.
import http from 'node:http';
import { countEvents } from '@hub/event-store-postgres';
import { requireChromium } from '@hub/testing';
import { type Browser, chromium } from 'playwright-core';
import { buildConsole } from '../../../scripts/console.ts';
import {
  adminEmail,
  adminPassword,
  builtReadModels,
  channelToken,
  createDataset,
  loadAverage,
  loadHistories,
  say,
  signIn,
  sleep,
  startBenchHub,
  untilProjected,
} from './agent-dataset.ts';
import { customerId } from './agent-load.ts';
import { benchInteraction, percentile, round } from './bench-load.ts';
import {
  backToInbox,
  type FirstRowsMarks,
  firstRowsWatch,
  inboxRefetches,
  liveRowsSeen,
  navigateToInbox,
  type OpenMarks,
  openConversation,
  recordScripts,
  watchLiveRows,
} from './console-page.ts';
import type { HubProcess } from './hub-processes.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
/** Customers loaded as streams only, for the hub's linker to file (0: every conversation loaded). */
const SAMPLE = Math.min(CUSTOMERS, Number(process.env.BENCH_LINKER_SAMPLE ?? 0));
const TRIES = Number(process.env.BENCH_TRIES ?? 100);
/** Unrecorded tries first: the hub's and the browser's first calls compile and fill caches. */
const WARMUP_TRIES = Number(process.env.BENCH_WARMUP_TRIES ?? 5);
/** Navigations with an empty cache (a new browser context, the session cookie copied). */
const COLD_TRIES = Number(process.env.BENCH_COLD_TRIES ?? 20);
const LIVE_INTERVAL_MS = Number(process.env.BENCH_LIVE_INTERVAL_MS ?? 500);
const LIVE_MARKER = 'console-live';
const GOALS = { firstRowsMs: 1000, openMs: 300, liveP99Ms: 1000, initialScriptKb: 250 } as const;

const loadAverages: Record<string, string> = {};
const phase = (name: string, line: string) => {
  loadAverages[name] = loadAverage();
  say(`${line}; load average ${loadAverages[name]}`);
};
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const p = (values: readonly number[], at: number) => {
  const value = percentile(sorted(values), at);
  return Number.isFinite(value) ? round(value, 1) : null;
};
const fmt = (values: readonly number[]) => `p50 ${p(values, 50)} ms, p99 ${p(values, 99)} ms`;
const numbers = (values: readonly (number | null)[]) => values.filter((v): v is number => v !== null);

/** The API as the console's page calls it, from Node: JSON read and parsed, as the page does. */
function apiClient(url: string, token: string) {
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    return response.json();
  };
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  return {
    get,
    me: () => timed(() => get('/v1/auth/me')),
    inbox: () => timed(() => Promise.all([get('/v1/inbox?status=open&limit=50'), get('/v1/inbox/counts')])),
    conversation: (id: string) =>
      timed(async () => {
        const conversation = (await get(`/v1/conversations/${id}`)) as { customerId: string };
        await get(`/v1/customers/${conversation.customerId}/timeline?limit=20`);
      }),
  };
}

/** `/v1/live` read from Node: the wall clock when each `ConversationMessageAdded` came, by its `occurredAt`. */
function subscribeToLive(url: string, token: string) {
  const arrived = new Map<string, number>();
  let rest = '';
  const request = http.get(`${url}/v1/live`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      const now = Date.now();
      const frames = (rest + chunk).split('\n\n');
      rest = frames.pop() ?? '';
      for (const frame of frames) {
        if (!frame.includes('event: ConversationMessageAdded\n')) continue;
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        const occurredAt = data ? (JSON.parse(data.slice(6)) as { occurredAt?: string }).occurredAt : undefined;
        if (occurredAt && !arrived.has(occurredAt)) arrived.set(occurredAt, now);
      }
    });
  });
  request.on('error', () => {});
  return { arrived, close: () => request.destroy() };
}

/** A generic interaction from a customer the hub has not seen, its text marked `console-live-<n>`. */
const liveInteraction = (n: number, occurredAt: string) => {
  const marked = `${LIVE_MARKER}-${n}`;
  const base = benchInteraction(n, Number.MAX_SAFE_INTEGER, LIVE_MARKER, LIVE_MARKER);
  return {
    ...base,
    occurredAt,
    contact: { identifiers: [{ kind: 'email' as const, value: `${marked}@bench.example` }], displayName: marked },
    threadKey: `${marked}-thread`,
    summary: `${marked} ${base.summary}`,
    text: `${marked} ${base.text}`,
  };
};

let stopping: Promise<void> | undefined;

async function main() {
  const resources: { browser?: Browser; hub?: HubProcess; close?: () => Promise<void> } = {};
  // Whatever ends the run (an error, Ctrl-C, a kill), the browser and the hub stop and the database goes.
  const stop = () => {
    stopping ??= (async () => {
      await resources.browser?.close().catch(() => {});
      await resources.hub?.stop().catch(() => {});
      await resources.close?.().catch((error: unknown) => say(`could not drop the database: ${String(error)}`));
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the browser and the hub, dropping the database`);
      void stop().then(() => process.exit(130));
    });
  }
  try {
    await buildConsole({ ifStale: true });
    const dataset = await createDataset('bench_console');
    resources.close = dataset.close;
    const { db } = dataset;
    phase(
      'start',
      `bench:console on PostgreSQL (${dataset.database.name}), ${CUSTOMERS.toLocaleString('en')} customers, ${TRIES} tries a figure`,
    );

    // 1. The data set of bench:agent, built into the read models by the hub's own projections.
    const loaded = await loadHistories(dataset, CUSTOMERS, SAMPLE);
    phase(
      'loaded',
      `loaded ${loaded.events.toLocaleString('en')} events (${loaded.conversations.toLocaleString('en')} conversations) in ${round(loaded.seconds)} s`,
    );
    await db.query('ANALYZE');
    const buildStarted = performance.now();
    // The console's pages share the health endpoints' rate limit per address (120/min): a hundred
    // navigations a minute from one address are the bench's, not an attack to turn away.
    resources.hub = await startBenchHub(dataset, { HUB_HEALTH_RATE_LIMIT: '100000' });
    const { url } = resources.hub;
    const built = await untilProjected(db, builtReadModels, buildStarted);
    await db.query('ANALYZE');
    await db.query('CHECKPOINT');
    const events = await countEvents(db);
    phase(
      'built',
      `read models built from ${events.toLocaleString('en')} events in ${round(Math.max(...Object.values(built)))} s; ANALYZE, CHECKPOINT done`,
    );

    // 2. Chromium, signed in once through the console's form; the first visit's scripts measured.
    resources.browser = await chromium.launch({
      executablePath: requireChromium(),
      args: ['--no-sandbox', '--disable-background-networking'],
      headless: true,
    });
    const context = await resources.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await context.addInitScript(firstRowsWatch);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const scriptsOfFirstVisit = recordScripts(context);
    await page.goto(url);
    await page.locator('input[name=email]').fill(adminEmail);
    await page.locator('input[name=password]').fill(adminPassword);
    await page.locator('form button[type=submit]').click();
    await page.locator('.rows .row').first().waitFor({ state: 'visible', timeout: 30_000 });
    const scripts = await scriptsOfFirstVisit.read();
    const initialScript = {
      files: scripts.length,
      bytes: scripts.reduce((n, s) => n + s.bytes, 0),
      transferred: scripts.reduce((n, s) => n + s.transferred, 0),
      gzipped: scripts.reduce((n, s) => n + s.gzipped, 0),
    };
    say(
      `initial JavaScript (first visit to the inbox): ${scripts.map((s) => s.name).join(', ')}: ${round(initialScript.bytes / 1024, 1)} KB as served, ${round(initialScript.transferred / 1024, 1)} KB transferred, ${round(initialScript.gzipped / 1024, 1)} KB gzipped (level 9)`,
    );
    const token = await signIn(url);
    const api = apiClient(url, token);

    // 3. First inbox rows: fresh navigations of the signed-in agent, its HTTP cache warm.
    phase('first_rows', `first inbox rows: ${TRIES} navigations from about:blank, cache warm (a returning agent)`);
    for (let i = 0; i < WARMUP_TRIES; i++) await navigateToInbox(page, url);
    const warm: (FirstRowsMarks & { driverMs: number })[] = [];
    for (let i = 0; i < TRIES; i++) {
      warm.push(await navigateToInbox(page, url));
      if ((i + 1) % 25 === 0) say(`  ${i + 1} / ${TRIES}; load average ${loadAverage()}`);
    }
    const firstRows = numbers(warm.map((m) => m.rows));
    const fromCache = warm.filter((m) => m.scriptTransfer === 0).length;
    say(
      `  first row in the DOM: ${fmt(firstRows)} (${firstRows.length} of ${TRIES} seen; script from the cache ${fromCache} times)`,
    );
    say(`  as Playwright saw it from Node (visible): ${fmt(warm.map((m) => m.driverMs))}`);
    const marks = {
      html: p(
        warm.map((m) => m.html),
        50,
      ),
      domContentLoaded: p(
        warm.map((m) => m.domContentLoaded),
        50,
      ),
      me: p(numbers(warm.map((m) => m.me)), 50),
      inbox: p(numbers(warm.map((m) => m.inbox)), 50),
      counts: p(numbers(warm.map((m) => m.counts)), 50),
    };
    say(
      `  p50s from the navigation's start: index.html ${marks.html} ms, script run (DOMContentLoaded) ${marks.domContentLoaded}, /v1/auth/me answered ${marks.me}, /v1/inbox ${marks.inbox}, /v1/inbox/counts ${marks.counts}, rows ${p(firstRows, 50)}`,
    );
    const cold: number[] = [];
    const storageState = await context.storageState();
    for (let i = 0; i < COLD_TRIES; i++) {
      const coldContext = await resources.browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
      await coldContext.addInitScript(firstRowsWatch);
      const rows = (await navigateToInbox(await coldContext.newPage(), url)).rows;
      if (rows !== null) cold.push(rows);
      await coldContext.close();
    }
    say(`  cache empty (a new browser context, ${COLD_TRIES} tries): ${fmt(cold)}`);
    phase(
      'first_rows_beneath',
      `  beneath: GET /v1/inbox?status=open&limit=50 and /v1/inbox/counts together, from Node`,
    );
    for (let i = 0; i < WARMUP_TRIES; i++) await api.inbox();
    const rawInbox: number[] = [];
    const rawMe: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      rawMe.push(await api.me());
      rawInbox.push(await api.inbox());
    }
    say(`  GET /v1/inbox + /v1/inbox/counts: ${fmt(rawInbox)}; GET /v1/auth/me before them: ${fmt(rawMe)}`);

    // 4. Open a conversation: from the inbox, by its row's link, conversations spread over the data set.
    const customers = Array.from({ length: WARMUP_TRIES + TRIES }, (_, i) => customerId((i * 7919) % CUSTOMERS));
    const rows = await db.query<{ conversation_id: string; customer_id: string }>(
      `SELECT conversation_id, customer_id FROM read_models.conversations WHERE customer_id = ANY($1::text[])
        ORDER BY conversation_id`,
      [customers],
    );
    const conversations = customers.map((customer, i) => {
      const own = rows.filter((r) => r.customer_id === customer);
      const chosen = own[i % own.length];
      if (!chosen) throw new Error(`customer ${customer} has no conversation in the read model`);
      return chosen.conversation_id;
    });
    phase(
      'open',
      `open a conversation: ${TRIES} conversations of customers spread over all ${CUSTOMERS.toLocaleString('en')}`,
    );
    await navigateToInbox(page, url);
    const opened: OpenMarks[] = [];
    for (const [i, id] of conversations.entries()) {
      const marks = await openConversation(page, id);
      if (i >= WARMUP_TRIES) opened.push(marks);
      await backToInbox(page);
      if (i >= WARMUP_TRIES && (i + 1 - WARMUP_TRIES) % 25 === 0)
        say(`  ${i + 1 - WARMUP_TRIES} / ${TRIES}; load average ${loadAverage()}`);
    }
    const open = opened.map((m) => (m.ms < 0 ? Number.POSITIVE_INFINITY : m.ms));
    say(`  messages and timeline in the DOM: ${fmt(open)} (${opened.filter((m) => m.ms < 0).length} not within 30 s)`);
    say(
      `  p50s from the click: /v1/conversations/{id} answered ${p(numbers(opened.map((m) => m.conversation)), 50)} ms, then the timeline ${p(numbers(opened.map((m) => m.timeline)), 50)} ms`,
    );
    phase(
      'open_beneath',
      '  beneath: GET /v1/conversations/{id}, then /v1/customers/{id}/timeline?limit=20, from Node',
    );
    for (const id of conversations.slice(0, WARMUP_TRIES)) await api.conversation(id);
    const rawOpen: number[] = [];
    for (const id of conversations.slice(WARMUP_TRIES)) rawOpen.push(await api.conversation(id));
    say(`  GET /v1/conversations/{id} + timeline: ${fmt(rawOpen)}`);

    // 5. Live rows: a new customer's interaction every LIVE_INTERVAL_MS (open loop) into an open inbox.
    phase(
      'live',
      `live rows: ${TRIES} interactions of new customers, one every ${LIVE_INTERVAL_MS} ms, into the open inbox; /v1/live read from Node beside`,
    );
    await navigateToInbox(page, url);
    await page.locator('.live.on').waitFor({ timeout: 30_000 });
    await watchLiveRows(page, LIVE_MARKER);
    const live = subscribeToLive(url, token);
    await sleep(1_000);
    const sentAt: number[] = [];
    const acceptedAt: (number | undefined)[] = [];
    const occurredAt: string[] = [];
    const posts: Promise<void>[] = [];
    const liveStarted = performance.now();
    for (let i = 0; i < TRIES; i++) {
      const wait = liveStarted + i * LIVE_INTERVAL_MS - performance.now();
      if (wait > 0) await sleep(wait);
      sentAt[i] = Date.now();
      occurredAt[i] = new Date(sentAt[i] ?? 0).toISOString();
      posts.push(
        fetch(`${url}/v1/interactions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${channelToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ interactions: [liveInteraction(i, occurredAt[i] ?? '')] }),
        }).then(
          async (response) => {
            await response.arrayBuffer();
            if (response.status === 202) acceptedAt[i] = Date.now();
          },
          () => {},
        ),
      );
      if ((i + 1) % 25 === 0) say(`  ${i + 1} / ${TRIES} posted; load average ${loadAverage()}`);
    }
    await Promise.all(posts);
    const accepted = acceptedAt.filter((at) => at !== undefined).length;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && Object.keys(await liveRowsSeen(page)).length < accepted) await sleep(200);
    const seen = await liveRowsSeen(page);
    const refetches = await inboxRefetches(page);
    live.close();
    const liveRow: number[] = [];
    const liveSse: number[] = [];
    const liveAnswer: number[] = [];
    const liveTry: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      const at = acceptedAt[i];
      if (at === undefined) continue;
      liveAnswer.push(at - (sentAt[i] ?? at));
      liveTry.push(i);
      // A row or message that never came within 30 s counts as slower than all that came.
      liveRow.push((seen[String(i)] ?? Number.POSITIVE_INFINITY) - at);
      liveSse.push((live.arrived.get(occurredAt[i] ?? '') ?? Number.POSITIVE_INFINITY) - at);
    }
    const rowsMissing = liveRow.filter((v) => !Number.isFinite(v)).length;
    const slowest = liveRow
      .map((row, at) => ({ i: liveTry[at], row, sse: liveSse[at] }))
      .sort((a, b) => b.row - a.row)
      .slice(0, 5)
      .map(({ i, row, sse }) => `#${i} ${row} ms (SSE ${sse} ms)`);
    say(`  POST answered 202: ${fmt(liveAnswer)} (${accepted} of ${TRIES} accepted)`);
    say(
      `  202 -> row in the open inbox (DOM): ${fmt(liveRow)}${rowsMissing ? ` (${rowsMissing} rows never came)` : ''}`,
    );
    say(`  beneath: 202 -> ConversationMessageAdded on /v1/live in Node: ${fmt(liveSse)}`);
    say(`  slowest rows: ${slowest.join(', ')}`);
    say(`  the page refetched its inbox (list and counts) ${refetches.length} times meanwhile, each ${fmt(refetches)}`);
    phase('done', 'done');
    if (pageErrors.length > 0) say(`page errors: ${pageErrors.slice(0, 5).join(' | ')}`);

    const met = {
      first_rows: (p(firstRows, 99) ?? Number.POSITIVE_INFINITY) <= GOALS.firstRowsMs,
      open_conversation: (p(open, 99) ?? Number.POSITIVE_INFINITY) <= GOALS.openMs,
      live_row_p99: (p(liveRow, 99) ?? Number.POSITIVE_INFINITY) <= GOALS.liveP99Ms,
      initial_script: initialScript.gzipped <= GOALS.initialScriptKb * 1024,
    };
    say(
      JSON.stringify({
        bench: 'console',
        date: new Date().toISOString().slice(0, 10),
        customers: CUSTOMERS,
        conversations: loaded.conversations,
        events,
        tries: TRIES,
        build_s: round(Math.max(...Object.values(built))),
        initial_script_files: initialScript.files,
        initial_script_kb: round(initialScript.bytes / 1024, 1),
        initial_script_transferred_kb: round(initialScript.transferred / 1024, 1),
        initial_script_gzipped_kb: round(initialScript.gzipped / 1024, 1),
        first_rows_p50_ms: p(firstRows, 50),
        first_rows_p99_ms: p(firstRows, 99),
        first_rows_seen_by_driver_p50_ms: p(
          warm.map((m) => m.driverMs),
          50,
        ),
        first_rows_seen_by_driver_p99_ms: p(
          warm.map((m) => m.driverMs),
          99,
        ),
        first_rows_script_from_cache: fromCache,
        first_rows_marks_p50_ms: marks,
        first_rows_cold_p50_ms: p(cold, 50),
        first_rows_cold_p99_ms: p(cold, 99),
        raw_inbox_p50_ms: p(rawInbox, 50),
        raw_inbox_p99_ms: p(rawInbox, 99),
        raw_me_p50_ms: p(rawMe, 50),
        raw_me_p99_ms: p(rawMe, 99),
        open_p50_ms: p(open, 50),
        open_p99_ms: p(open, 99),
        open_conversation_answered_p50_ms: p(numbers(opened.map((m) => m.conversation)), 50),
        open_timeline_answered_p50_ms: p(numbers(opened.map((m) => m.timeline)), 50),
        raw_open_p50_ms: p(rawOpen, 50),
        raw_open_p99_ms: p(rawOpen, 99),
        live_interval_ms: LIVE_INTERVAL_MS,
        live_accepted: accepted,
        live_row_p50_ms: p(liveRow, 50),
        live_row_p99_ms: p(liveRow, 99),
        live_rows_missing: rowsMissing,
        live_sse_p50_ms: p(liveSse, 50),
        live_sse_p99_ms: p(liveSse, 99),
        live_inbox_refetches: refetches.length,
        live_inbox_refetch_p50_ms: p(refetches, 50),
        live_inbox_refetch_p99_ms: p(refetches, 99),
        live_post_answered_p50_ms: p(liveAnswer, 50),
        live_post_answered_p99_ms: p(liveAnswer, 99),
        page_errors: pageErrors.length,
        goals_met: met,
        load_average: loadAverages,
      }),
    );
  } finally {
    await stop();
  }
}

await main();
