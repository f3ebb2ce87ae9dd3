// pnpm bench:agent — the agent workspace on PostgreSQL: a large history (customers, email threads,
// conversations, agents' changes) appended through the real store, built into the read models by
// the hub's own projections, then the timeline and inbox reads under 50 connections (open loop at
// a fixed rate, and saturation), the live-update latency over SSE, and a rebuild of the
// conversation read models beside the raw read rates of the same events. Last line: one JSON object.
import http from 'node:http';
import { CONVERSATION_LINKER } from '@hub/agent-workspace';
import type { EventStore } from '@hub/event-store';
import { countEvents } from '@hub/event-store-postgres';
import { startOfAll } from '@hub/events';
import { CONVERSATIONS_PROJECTION, listInbox } from '@hub/inbox';
import { silentLogger } from '@hub/logger';
import type { SqlDatabase } from '@hub/sql';
import { TIMELINE_PROJECTION, timelinePage } from '@hub/timeline';
import { rebuildHubProjection } from '../src/rebuild-projection.ts';
import {
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
import { AGENTS, agentId, customerId, LABELS, teamId } from './agent-load.ts';
import { benchInteraction, percentile, round } from './bench-load.ts';
import { formatLatencies, httpGetter, merged, readLoadFromEnvironment, readMeasurer, summary } from './http-load.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 200);
const LIVE_RATE = Number(process.env.BENCH_LIVE_RATE ?? 500);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);

const SAMPLE = Math.min(CUSTOMERS, Number(process.env.BENCH_LINKER_SAMPLE ?? 500));

/** Reads every event of the prefix through `store` in pages of 1,000: events/s. */
async function readAllRate(store: EventStore, prefix: string): Promise<{ events: number; perSecond: number }> {
  const started = performance.now();
  let after = startOfAll;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1_000, filter: { streamPrefix: prefix } });
    const last = page.at(-1);
    if (!last) break;
    events += page.length;
    after = last.position;
  }
  return { events, perSecond: events / ((performance.now() - started) / 1000) };
}

/** The same rows by plain SQL, in keyset pages of 10,000, nothing decoded: rows/s. */
async function rawScanRate(db: SqlDatabase, prefix: string): Promise<{ rows: number; perSecond: number }> {
  const started = performance.now();
  let after = ['0', '0'];
  let rows = 0;
  for (;;) {
    const page = await db.query<{ transaction_id: string; global_position: string }>(
      // Ordered by the columns (qualified): the text copies would sort as text, by a full scan.
      `SELECT e.transaction_id::text AS transaction_id, e.global_position::text AS global_position, e.stream_id,
              e.stream_revision, e.event_id, e.event_type, e.schema_version, e.data, e.metadata, e.causation_id,
              e.correlation_id, e.occurred_at, e.recorded_at
         FROM event_store.events e
        WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) AND starts_with(e.stream_id, $3)
        ORDER BY e.transaction_id, e.global_position LIMIT 10000`,
      [after[0], after[1], prefix],
    );
    const last = page.at(-1);
    if (!last) break;
    rows += page.length;
    after = [last.transaction_id, last.global_position];
  }
  return { rows, perSecond: rows / ((performance.now() - started) / 1000) };
}

const inboxMixes: readonly { name: string; query: string; filter: Parameters<typeof listInbox>[1] }[] = [
  { name: 'open, newest activity', query: '', filter: { viewerId: 'x' } },
  { name: 'unassigned', query: 'assignee=unassigned', filter: { viewerId: 'x', assignee: 'unassigned' } },
  { name: "an agent's", query: `assignee=${agentId(3)}`, filter: { viewerId: 'x', assignee: agentId(3) } },
  {
    name: 'team and label',
    query: `team=${teamId(2)}&label=${LABELS[0]}`,
    filter: { viewerId: 'x', teamId: teamId(2), label: LABELS[0] },
  },
  { name: 'pending', query: 'status=pending', filter: { viewerId: 'x', status: 'pending' } },
  {
    name: 'email, by SLA due',
    query: 'channel=email&sort=sla-due',
    filter: { viewerId: 'x', channel: 'email', sort: 'sla-due' },
  },
];

const ms = (value: number) => (Number.isFinite(value) ? `${round(value)} ms` : 'over 30 s');
const fmt = formatLatencies;
const load = readLoadFromEnvironment(say);
const { rate: RATE, connections: CONNECTIONS } = load;
const measure = readMeasurer(load);

/**
 * 200 SSE subscribers; interactions POSTed at LIVE_RATE (a POST of RATE/100 every 10 ms), each
 * with its own `occurredAt`, which the conversation event and so its notification carry. Latency:
 * from the POST being sent to each subscriber's `ConversationMessageAdded` for it.
 */
async function liveLatency(url: string, token: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SUBSCRIBERS + 10 });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let unknown = 0;
  const requests: http.ClientRequest[] = [];
  // Bytes, not text: 100,000 messages a second are parsed on the same two cores as the hub, and
  // the client's share must stay small (no UTF-8 decoding, no string joins; memmem-fast searches).
  const MESSAGE_ADDED = Buffer.from('event: ConversationMessageAdded\n');
  const OCCURRED_AT = Buffer.from('"occurredAt":"');
  const END = Buffer.from('\n\n');
  await Promise.all(
    Array.from(
      { length: SUBSCRIBERS },
      () =>
        new Promise<void>((resolve, reject) => {
          const u = new URL(`${url}/v1/live`);
          const request = http.get(
            { host: u.hostname, port: u.port, path: u.pathname, agent, headers: { authorization: `Bearer ${token}` } },
            (response) => {
              if (response.statusCode !== 200) reject(new Error(`GET /v1/live answered ${response.statusCode}`));
              let rest: Buffer | undefined;
              response.on('data', (chunk: Buffer) => {
                const now = performance.now();
                const data = rest ? Buffer.concat([rest, chunk]) : chunk;
                const end = data.lastIndexOf(END);
                if (end < 0) {
                  rest = data;
                  return;
                }
                rest = end + 2 < data.length ? data.subarray(end + 2) : undefined;
                for (
                  let at = data.indexOf(MESSAGE_ADDED);
                  at >= 0 && at < end;
                  at = data.indexOf(MESSAGE_ADDED, at + 1)
                ) {
                  const from = data.indexOf(OCCURRED_AT, at) + OCCURRED_AT.length;
                  const occurredAt = data.toString('latin1', from, data.indexOf(34, from));
                  const sent = sentAt.get(occurredAt);
                  if (sent === undefined) unknown += 1;
                  else latencies.push(now - sent);
                }
              });
              resolve();
            },
          );
          request.on('error', reject);
          requests.push(request);
        }),
    ),
  );
  const perTick = LIVE_RATE / 100;
  let failedPosts = 0;
  /** How long each accepted POST took to be answered: the intake's share of the latency. */
  const answered: number[] = [];
  const ticks = LIVE_SECONDS * 100;
  const base = Date.UTC(2027, 5, 1);
  const post = async (tick: number) => {
    const interactions = Array.from({ length: perTick }, (_, i) => {
      const n = tick * perTick + i;
      return {
        ...benchInteraction(n, 1_000_000, 'live', 'live-customer'),
        occurredAt: new Date(base + n).toISOString(),
      };
    });
    const now = performance.now();
    for (const i of interactions) sentAt.set(i.occurredAt, now);
    // A POST the hub refused or dropped is counted, not awaited in its subscribers' messages.
    const accepted = await fetch(`${url}/v1/interactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${channelToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ interactions }),
    }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status === 202;
      },
      () => false,
    );
    if (!accepted) failedPosts += 1;
    else answered.push(performance.now() - now);
  };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const wait = started + tick * 10 - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(post(tick));
  }
  await Promise.all(inFlight);
  const expected = (ticks - failedPosts) * perTick * SUBSCRIBERS;
  const deadline = performance.now() + 30_000;
  while (latencies.length < expected && performance.now() < deadline) await sleep(100);
  for (const request of requests) request.destroy();
  agent.destroy();
  const received = latencies.length;
  // A message that never came within 30 s counts as slower than all that came, not as absent.
  for (let missing = received; missing < expected; missing++) latencies.push(Number.POSITIVE_INFINITY);
  const sorted = latencies.sort((a, b) => a - b);
  const answers = answered.sort((a, b) => a - b);
  return { sorted, expected, received, unknown, interactions: ticks * perTick, failedPosts, answers };
}

async function main() {
  const dataset = await createDataset('bench_agent');
  const { db, rawStore, store } = dataset;
  let hub: Awaited<ReturnType<typeof startBenchHub>> | undefined;
  try {
    say(
      `bench:agent on PostgreSQL (${dataset.database.name}), ${CUSTOMERS.toLocaleString('en')} customers; load average ${loadAverage()}`,
    );

    // 1. The history, through the store, in batches of customers. The linker files interactions
    // one at a time (a reactor: read the conversation, decide, append), so it is measured on the
    // last SAMPLE customers; for the others the load writes what it would have.
    say(
      `loading ${CUSTOMERS - SAMPLE} customers with the conversations the linker makes of their emails (6 customer events, 2 conversations with 5 linker events and agents' changes each), then ${SAMPLE} customers' streams only, for the linker`,
    );
    const loaded = await loadHistories(dataset, CUSTOMERS, SAMPLE);
    say(
      `loaded ${loaded.events.toLocaleString('en')} events of ${CUSTOMERS.toLocaleString('en')} customers in ${round(loaded.seconds)} s (${round(loaded.events / loaded.seconds)} events/s)`,
    );

    // Autovacuum is off on the reference machine: without statistics the linker's look-up of
    // thread keys was planned as a hash join over every linked conversation (about 1 s an
    // interaction at 200,000 conversations). An operator's autovacuum would have analysed by now.
    await db.query('ANALYZE');

    // 2. The hub (every role, one process, as `npm start` on PostgreSQL) builds its read models:
    // the timeline from the start, the linker over the sample, the conversations from the start.
    const buildStarted = performance.now();
    hub = await startBenchHub(dataset);
    const built = await untilProjected(db, builtReadModels, buildStarted);
    const buildSeconds = Math.max(...Object.values(built));
    const [counts] = await db.query<{ conversations: string; timeline: string; linked: string }>(
      `SELECT (SELECT count(*) FROM read_models.conversations)::text AS conversations,
              (SELECT count(*) FROM read_models.timeline)::text AS timeline,
              (SELECT count(*) FROM workspace.linked_conversations)::text AS linked`,
    );
    const totalEvents = await countEvents(db);
    const sampleInteractions = SAMPLE * 3;
    const linkerSeconds = (built[CONVERSATION_LINKER] ?? 0) - 0;
    say(
      `built the read models from ${totalEvents.toLocaleString('en')} events in ${round(buildSeconds)} s from the hub's start (${round(totalEvents / buildSeconds)} events/s): ${counts?.timeline} timeline rows, ${counts?.conversations} conversations, ${counts?.linked} linked`,
    );
    say(
      `  caught up after: timeline ${round(built[TIMELINE_PROJECTION] ?? 0)} s, linker ${round(linkerSeconds)} s (${sampleInteractions} interactions: ${round(sampleInteractions / linkerSeconds)}/s), conversations ${round(built[CONVERSATIONS_PROJECTION] ?? 0)} s`,
    );
    if (Number(counts?.conversations) !== loaded.conversations)
      say(`  ${counts?.conversations} conversations in the inbox, ${loaded.conversations} expected`);
    await db.query('ANALYZE');
    say(`ANALYZE done; load average ${loadAverage()}`);

    // 3. Reads: 50 connections, open loop at RATE/s, then saturation; the same SQL beside.
    const token = await signIn(hub.url);
    const client = httpGetter(hub.url, token, CONNECTIONS);
    const customerOf = (i: number) => customerId((i * 7919) % CUSTOMERS);
    say(`timeline and inbox, ${CONNECTIONS} connections; load average ${loadAverage()}`);
    const timeline = await measure('GET /v1/customers/:id/timeline', (i) =>
      client.get(`/v1/customers/${customerOf(i)}/timeline`),
    );
    const rawTimeline = await measure('  raw: its SQL (timelinePage) on a pool of 20', async (i) => {
      await timelinePage(db, customerOf(i), { limit: 51 });
      return true;
    });
    const inbox = [];
    const rawInbox = [];
    for (const mix of inboxMixes) {
      inbox.push(
        await measure(`GET /v1/inbox ${mix.name}`, (i) =>
          client.get(`/v1/inbox?${mix.query}`).then((ok) => ok && i >= 0),
        ),
      );
      rawInbox.push(
        await measure(`  raw: listInbox, ${mix.name}`, async () => {
          await listInbox(db, mix.filter);
          return true;
        }),
      );
    }
    client.close();
    const inboxOpen = merged(inbox.map((r) => r.open));
    const inboxSaturation = merged(inbox.map((r) => r.saturation));
    const rawInboxOpen = merged(rawInbox.map((r) => r.open));
    const rawInboxSaturation = merged(rawInbox.map((r) => r.saturation));
    say(
      `  inbox, all mixes: at ${RATE}/s ${fmt(inboxOpen)}; saturation ${round(summary(inboxSaturation).perSecond)}/s`,
    );

    // 4. Live updates.
    say(
      `live updates: ${SUBSCRIBERS} subscribers, ${LIVE_RATE} interactions/s for ${LIVE_SECONDS} s; load average ${loadAverage()}`,
    );
    const live = await liveLatency(hub.url, token);
    const liveP50 = percentile(live.sorted, 50);
    const liveP99 = percentile(live.sorted, 99);
    say(
      `  POST answered (202): p50 ${ms(percentile(live.answers, 50))}, p99 ${ms(percentile(live.answers, 99))}\n` +
        `  POST sent -> SSE message: p50 ${ms(liveP50)}, p99 ${ms(liveP99)} (${live.received.toLocaleString('en')} of ${live.expected.toLocaleString('en')} messages${live.unknown ? `, ${live.unknown} unmatched` : ''}${live.failedPosts ? `; ${live.failedPosts} POSTs of ${LIVE_RATE / 100} failed` : ''})`,
    );

    // The live interactions are all filed and projected before the rebuild is timed.
    const drained = await untilProjected(
      db,
      [
        { name: TIMELINE_PROJECTION, prefix: 'customer-' },
        { name: CONVERSATION_LINKER, prefix: 'customer-' },
        { name: CONVERSATIONS_PROJECTION, prefix: 'conversation-' },
      ],
      performance.now(),
    );
    say(
      `  the hub had filed and projected them all ${round(drained[CONVERSATIONS_PROJECTION] ?? 0)} s after the last answer`,
    );

    // 5. Rebuild of the conversation read models beside the raw reads of the same events.
    say(`rebuild of the conversations projection (inbox and conversation items); load average ${loadAverage()}`);
    const sealedRead = await readAllRate(store, 'conversation-');
    say(
      `  read all through the store (opening sealed data) ${round(sealedRead.perSecond)} events/s (${sealedRead.events.toLocaleString('en')} events)`,
    );
    const storeRead = await readAllRate(rawStore, 'conversation-');
    say(`  read all through the store (sealed as stored)     ${round(storeRead.perSecond)} events/s`);
    const rawScan = await rawScanRate(db, 'conversation-');
    say(`  raw SQL scan, pages of 10,000                     ${round(rawScan.perSecond)} rows/s`);
    const rebuild = await rebuildHubProjection(
      { database: db, store, eventsInDatabase: true },
      CONVERSATIONS_PROJECTION,
      silentLogger(),
    );
    say(
      `  rebuildProjection('conversations')                 ${round(rebuild.eventsPerSecond)} events/s (${rebuild.events.toLocaleString('en')} events in ${round(rebuild.durationMs / 1000, 1)} s): ${round(rebuild.eventsPerSecond / rawScan.perSecond, 2)} of the raw scan, ${round(rebuild.eventsPerSecond / sealedRead.perSecond, 2)} of the store's read`,
    );
    say(`done; load average ${loadAverage()}`);

    const t = summary(timeline.open);
    const i = summary(inboxOpen);
    say(
      JSON.stringify({
        bench: 'agent',
        date: new Date().toISOString().slice(0, 10),
        customers: CUSTOMERS,
        conversations: loaded.conversations,
        events: totalEvents,
        agents: AGENTS,
        connections: CONNECTIONS,
        offered_rate_per_s: RATE,
        load_events_per_s: round(loaded.events / loaded.seconds),
        initial_build_s: round(buildSeconds),
        timeline_built_s: round(built[TIMELINE_PROJECTION] ?? 0),
        conversations_built_s: round(built[CONVERSATIONS_PROJECTION] ?? 0),
        linker_interactions_per_s: round(sampleInteractions / linkerSeconds),
        initial_build_events_per_s: round(totalEvents / buildSeconds),
        timeline_p50_ms: round(t.p50, 1),
        timeline_p99_ms: round(t.p99, 1),
        timeline_saturation_per_s: round(summary(timeline.saturation).perSecond),
        raw_timeline_p99_ms: round(summary(rawTimeline.open).p99, 1),
        raw_timeline_saturation_per_s: round(summary(rawTimeline.saturation).perSecond),
        inbox_p50_ms: round(i.p50, 1),
        inbox_p99_ms: round(i.p99, 1),
        inbox_saturation_per_s: round(summary(inboxSaturation).perSecond),
        raw_inbox_p99_ms: round(summary(rawInboxOpen).p99, 1),
        raw_inbox_saturation_per_s: round(summary(rawInboxSaturation).perSecond),
        failed_requests: t.failed + i.failed,
        live_subscribers: SUBSCRIBERS,
        live_rate_per_s: LIVE_RATE,
        live_p50_ms: Number.isFinite(liveP50) ? round(liveP50) : null,
        live_p99_ms: Number.isFinite(liveP99) ? round(liveP99) : null,
        live_messages_missing: live.expected - live.received,
        live_posts_failed: live.failedPosts,
        live_post_answered_p99_ms: round(percentile(live.answers, 99)),
        rebuild_events: rebuild.events,
        rebuild_events_per_s: round(rebuild.eventsPerSecond),
        store_read_sealed_events_per_s: round(sealedRead.perSecond),
        store_read_events_per_s: round(storeRead.perSecond),
        raw_scan_rows_per_s: round(rawScan.perSecond),
        rebuild_vs_raw_scan_ratio: round(rebuild.eventsPerSecond / rawScan.perSecond, 2),
        rebuild_vs_store_read_ratio: round(rebuild.eventsPerSecond / sealedRead.perSecond, 2),
        load_average: loadAverage(),
      }),
    );
  } finally {
    await hub?.stop();
    await dataset.close();
  }
}

await main();
