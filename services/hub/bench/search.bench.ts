// pnpm bench:search — customer search, identifier lookups and message search on the data set of
// `pnpm bench:agent` (100,000 customers with Persian and Latin names, email and phone; 200,000
// conversations; over 1,000,000 events), served by the hub as an operator runs it. Each read at a
// fixed offered rate over 50 connections (open loop) with its saturation throughput beside it:
// first right after the load, before any ANALYZE (the hub started with
// HUB_PROJECTION_ANALYZE_AFTER_EVENTS=0, so no statistics exist), then after ANALYZE, beside the
// same queries run directly on PostgreSQL and a primary-key read. Last, conversation reads alone
// and while searches run. Last line: one JSON object.

import { countEvents } from '@hub/event-store-postgres';
import { messageQueryOf, searchMessages } from '@hub/message-search';
import type { SqlDatabase } from '@hub/sql';
import { lookupCustomer, searchCustomers } from '@hub/timeline';
import {
  builtReadModels,
  createDataset,
  loadAverage,
  loadHistories,
  say,
  signIn,
  startBenchHub,
  untilProjected,
} from './agent-dataset.ts';
import { customerHistory, customerId, emailOf, nameOf, orderOf, PRODUCTS, phoneOf } from './agent-load.ts';
import { round } from './bench-load.ts';
import {
  formatLatencies,
  httpGetter,
  type Latencies,
  openLoop,
  readLoadFromEnvironment,
  readMeasurer,
  summary,
} from './http-load.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
/** Conversation reads offered beside the searches. */
const CONVERSATION_RATE = Number(process.env.BENCH_CONVERSATION_RATE ?? 100);

const load = readLoadFromEnvironment(say);
const { rate: RATE, seconds: SECONDS, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS } = load;
const measure = readMeasurer(load);

/** A customer for the i-th call, spread over the whole data set. */
const customerOf = (i: number) => (i * 7919) % CUSTOMERS;

const persianDigits = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
/** The ways agents type customer `c`: names as written and as an Arabic keyboard writes them, emails, phones. */
const customerQueries: readonly { name: string; q: (c: number) => string }[] = [
  { name: 'full name', q: nameOf },
  { name: 'name, Arabic keyboard', q: (c) => nameOf(c).replaceAll('ی', 'ي').replaceAll('ک', 'ك').toLowerCase() },
  { name: 'family name', q: (c) => nameOf(c).split(' ').at(-1) ?? '' },
  { name: 'email', q: emailOf },
  { name: 'email prefix', q: (c) => `customer-${c}@bench` },
  {
    name: 'phone, Persian digits',
    q: (c) => persianDigits(`0${phoneOf(c).slice(3, 6)} ${phoneOf(c).slice(6, 9)} ${phoneOf(c).slice(9)}`),
  },
  {
    name: 'phone, international',
    q: (c) => `+98 ${phoneOf(c).slice(3, 6)} ${phoneOf(c).slice(6, 9)} ${phoneOf(c).slice(9)}`,
  },
  { name: 'phone, 00 prefix', q: (c) => `00${phoneOf(c).slice(1)}` },
  { name: 'phone, last seven digits', q: (c) => phoneOf(c).slice(-7) },
];
const customerSearch = (i: number) => {
  const query = customerQueries[i % customerQueries.length] ?? customerQueries[0];
  return query?.q(customerOf(i)) ?? '';
};

const lookup = (i: number): [kind: 'email' | 'phone', value: string] =>
  i % 2 === 0 ? ['email', emailOf(customerOf(i))] : ['phone', phoneOf(customerOf(i))];

/** Message searches as agents make them: an order number, a product, a customer's messages, a date range. */
const messageSearch = (i: number): { q: string; customer?: string; from?: string; to?: string } => {
  const c = customerOf(i);
  switch (i % 4) {
    case 0:
      return { q: orderOf(c, i % 2) };
    case 1:
      return { q: PRODUCTS[i % PRODUCTS.length] ?? 'یخچال' };
    case 2:
      return { q: 'سفارش', customer: customerId(c) };
    default:
      return { q: 'ارسال', from: '2026-01-20T00:00:00Z', to: '2026-01-27T00:00:00Z' };
  }
};
const queryString = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();

async function statisticsRows(db: SqlDatabase): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    "SELECT count(*)::text AS n FROM pg_stats WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
  );
  return Number(row?.n ?? 0);
}

/** The three reads through the hub's HTTP API. */
async function hubReads(url: string, token: string, label: string) {
  const client = httpGetter(url, token, CONNECTIONS);
  try {
    const customers = await measure(`GET /v1/customers?q= ${label}`, (i) =>
      client.get(`/v1/customers?${queryString({ q: customerSearch(i) })}`),
    );
    const lookups = await measure(`GET /v1/customers/lookup ${label}`, (i) => {
      const [kind, value] = lookup(i);
      return client.get(`/v1/customers/lookup?${queryString({ [kind]: value })}`);
    });
    const messages = await measure(`GET /v1/search/messages ${label}`, (i) =>
      client.get(`/v1/search/messages?${queryString(messageSearch(i))}`),
    );
    return { customers, lookups, messages };
  } finally {
    client.close();
  }
}

/** The same queries straight on PostgreSQL (a pool of 20), and the layer beneath: a primary-key read. */
async function rawReads(db: SqlDatabase) {
  const customers = await measure('  raw: searchCustomers on a pool of 20', async (i) => {
    await searchCustomers(db, { text: customerSearch(i), limit: 20 });
    return true;
  });
  const lookups = await measure('  raw: lookupCustomer', async (i) => {
    const [kind, value] = lookup(i);
    return (await lookupCustomer(db, kind, value)) !== undefined;
  });
  const messages = await measure('  raw: searchMessages', async (i) => {
    const search = messageSearch(i);
    await searchMessages(db, {
      query: messageQueryOf(search.q),
      customerId: search.customer,
      from: search.from ? new Date(search.from) : undefined,
      to: search.to ? new Date(search.to) : undefined,
      limit: 20,
    });
    return true;
  });
  const primaryKey = await measure('  raw PostgreSQL: a customer by primary key', async (i) => {
    const rows = await db.query('SELECT * FROM read_models.customers WHERE customer_id = $1', [
      customerId(customerOf(i)),
    ]);
    return rows.length === 1;
  });
  return { customers, lookups, messages, primaryKey };
}

/** Conversation reads at CONVERSATION_RATE alone, then while every kind of search runs at RATE. */
async function conversationReads(url: string, token: string) {
  const conversations = Array.from(
    { length: 1000 },
    (_, n) => customerHistory(customerOf(n)).linked[n % 2]?.conversationId ?? '',
  );
  const reader = httpGetter(url, token, CONNECTIONS);
  const searcher = httpGetter(url, token, CONNECTIONS);
  const read = (i: number) => reader.get(`/v1/conversations/${conversations[i % conversations.length]}`);
  const search = (i: number) => {
    switch (i % 3) {
      case 0:
        return searcher.get(`/v1/customers?${queryString({ q: customerSearch(i) })}`);
      case 1: {
        const [kind, value] = lookup(i);
        return searcher.get(`/v1/customers/lookup?${queryString({ [kind]: value })}`);
      }
      default:
        return searcher.get(`/v1/search/messages?${queryString(messageSearch(i))}`);
    }
  };
  try {
    await openLoop(read, CONVERSATION_RATE, WARMUP_SECONDS);
    const alone = await openLoop(read, CONVERSATION_RATE, SECONDS);
    say(`  GET /v1/conversations/:id at ${CONVERSATION_RATE}/s alone: ${formatLatencies(alone)}`);
    const [withSearches, searches] = await Promise.all([
      openLoop(read, CONVERSATION_RATE, SECONDS),
      openLoop(search, RATE, SECONDS),
    ]);
    say(
      `  GET /v1/conversations/:id at ${CONVERSATION_RATE}/s with searches at ${RATE}/s: ${formatLatencies(withSearches)} (the searches: ${formatLatencies(searches)}); load average ${loadAverage()}`,
    );
    return { alone, withSearches, searches };
  } finally {
    reader.close();
    searcher.close();
  }
}

const figures = (prefix: string, run: { open: Latencies; saturation: Latencies }) => {
  const open = summary(run.open);
  return {
    [`${prefix}_p50_ms`]: round(open.p50, 1),
    [`${prefix}_p99_ms`]: round(open.p99, 1),
    [`${prefix}_saturation_per_s`]: round(summary(run.saturation).perSecond),
    [`${prefix}_failed`]: open.failed + run.saturation.failed,
  };
};
const p99 = (run: { open: Latencies }) => summary(run.open).p99;

async function main() {
  const dataset = await createDataset('bench_search');
  const { db } = dataset;
  let hub: Awaited<ReturnType<typeof startBenchHub>> | undefined;
  try {
    say(
      `bench:search on PostgreSQL (${dataset.database.name}), ${CUSTOMERS.toLocaleString('en')} customers; load average ${loadAverage()}`,
    );
    const loaded = await loadHistories(dataset, CUSTOMERS, 0);
    say(
      `loaded ${loaded.events.toLocaleString('en')} events of ${CUSTOMERS.toLocaleString('en')} customers in ${round(loaded.seconds)} s`,
    );

    // The hub builds every read model with its own ANALYZE turned off: what a bulk load leaves
    // behind before statistics exist (autovacuum is off on the reference machine).
    const buildStarted = performance.now();
    hub = await startBenchHub(dataset, { HUB_PROJECTION_ANALYZE_AFTER_EVENTS: '0' });
    const built = await untilProjected(db, builtReadModels, buildStarted);
    const totalEvents = await countEvents(db);
    const [counts] = await db.query<{ customers: string; terms: string; messages: string }>(
      `SELECT (SELECT count(*) FROM read_models.customers)::text AS customers,
              (SELECT count(*) FROM read_models.customer_search_terms)::text AS terms,
              (SELECT count(*) FROM read_models.message_search)::text AS messages`,
    );
    const statisticsBefore = await statisticsRows(db);
    say(
      `built the read models from ${totalEvents.toLocaleString('en')} events in ${round(Math.max(...Object.values(built)))} s: ${counts?.customers} customers, ${counts?.terms} search terms, ${counts?.messages} messages indexed; ${statisticsBefore} rows of planner statistics`,
    );

    // The build left gigabytes of dirty pages: written out now, as the server's own checkpoint
    // would within minutes, so that flush does not land in whichever phase comes first. It
    // makes no statistics.
    await db.query('CHECKPOINT').catch((error: unknown) => say(`  (CHECKPOINT refused: ${String(error)})`));
    const token = await signIn(hub.url);
    say(`before ANALYZE, ${CONNECTIONS} connections; load average ${loadAverage()}`);
    const before = await hubReads(hub.url, token, '(no statistics)');
    await db.query('ANALYZE');
    say(`after ANALYZE (${await statisticsRows(db)} rows of statistics); load average ${loadAverage()}`);
    const after = await hubReads(hub.url, token, '');
    const raw = await rawReads(db);
    say(`conversation reads beside searches; load average ${loadAverage()}`);
    const beside = await conversationReads(hub.url, token);

    const ratio = (a: number, b: number) => round(a / b, 2);
    const summaryLine = {
      bench: 'search',
      date: new Date().toISOString().slice(0, 10),
      customers: CUSTOMERS,
      events: totalEvents,
      messages_indexed: Number(counts?.messages ?? 0),
      connections: CONNECTIONS,
      offered_rate_per_s: RATE,
      statistics_rows_before_analyze: statisticsBefore,
      ...figures('customer_search', after.customers),
      ...figures('identifier_lookup', after.lookups),
      ...figures('message_search', after.messages),
      ...figures('before_analyze_customer_search', before.customers),
      ...figures('before_analyze_identifier_lookup', before.lookups),
      ...figures('before_analyze_message_search', before.messages),
      customer_search_before_vs_after_p99: ratio(p99(before.customers), p99(after.customers)),
      identifier_lookup_before_vs_after_p99: ratio(p99(before.lookups), p99(after.lookups)),
      message_search_before_vs_after_p99: ratio(p99(before.messages), p99(after.messages)),
      ...figures('raw_customer_search', raw.customers),
      ...figures('raw_identifier_lookup', raw.lookups),
      ...figures('raw_message_search', raw.messages),
      ...figures('raw_primary_key_read', raw.primaryKey),
      conversation_rate_per_s: CONVERSATION_RATE,
      conversation_read_p99_ms: round(summary(beside.alone).p99, 1),
      conversation_read_with_searches_p99_ms: round(summary(beside.withSearches).p99, 1),
      conversation_read_with_vs_without_p99: ratio(summary(beside.withSearches).p99, summary(beside.alone).p99),
      searches_beside_p99_ms: round(summary(beside.searches).p99, 1),
      load_average: loadAverage(),
    };
    say(`done; load average ${loadAverage()}`);
    say(JSON.stringify(summaryLine));
  } finally {
    await hub?.stop();
    await dataset.close();
  }
}

await main();
