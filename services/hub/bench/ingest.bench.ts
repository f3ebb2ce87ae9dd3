// pnpm bench:ingest — interactions end to end (HTTP -> Kafka -> writer -> store -> timeline) on
// PostgreSQL and a real Kafka broker, next to raw kafkajs produce/consume and raw store appends of
// the same records in the same run. Last line: one JSON object of the figures.
import { randomBytes } from 'node:crypto';
import { silentLogger } from '@hub/logger';
import { connectPostgres } from '@hub/sql';
import { createTestDatabase, findFreePort, provideKafka, singleBrokerDurability } from '@hub/testing';
import { Kafka, logLevel } from 'kafkajs';
import { composeHub } from '../src/compose-hub.ts';
import { loadConfig } from '../src/config.ts';
import { writerGroupOf } from '../src/start-writer.ts';
import { benchInteraction, percentile, round } from './bench-load.ts';
import { type HubProcess, startHubProcess } from './hub-processes.ts';
import { rawKafkaFigures, rawStoreAppends } from './raw-figures.ts';

const SUSTAINED = Number(process.env.BENCH_INTERACTIONS ?? 60_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const CUSTOMERS = 2_000;

const say = (line: string) => process.stdout.write(`${line}\n`);
const token = 'bench-channel-token-0123456789';

const TOPOLOGY = process.env.BENCH_TOPOLOGY === 'single' ? 'single' : 'split';

/**
 * The hub under load. `split` (the default) runs it as an operator would on a machine with more
 * than one core: three processes over Kafka (HUB_ROLES gateway+api, writer, projector), started
 * from `main.ts` like `npm start`. `single` runs every role inside this benchmark's own process.
 */
async function startHub(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  if (TOPOLOGY === 'split') {
    const processes: HubProcess[] = [];
    try {
      for (const roles of ['projector', 'writer', 'gateway,api']) {
        processes.push(await startHubProcess({ ...env, HUB_ROLES: roles }));
      }
    } catch (error) {
      await Promise.all(processes.map((p) => p.stop()));
      throw error;
    }
    return {
      url: processes.at(-1)?.url ?? '',
      stop: async () => {
        await Promise.all(processes.map((p) => p.stop()));
      },
    };
  }
  const port = await findFreePort();
  const hub = await composeHub(loadConfig({ ...env, HUB_PORT: String(port) }), silentLogger());
  await hub.app.listen({ port, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${port}`, stop: () => hub.stop() };
}

async function main() {
  const kafka = await provideKafka();
  const database = await createTestDatabase({ prefix: 'bench_ingest' });
  const topic = `bench-${randomBytes(4).toString('hex')}`;
  const hub = await startHub({
    DATABASE_URL: database.url,
    ...singleBrokerDurability,
    KAFKA_BROKERS: kafka.brokers.join(','),
    HUB_KAFKA_TOPIC: topic,
    HUB_KAFKA_PARTITIONS: process.env.BENCH_PARTITIONS ?? '6',
    HUB_CHANNEL_TOKEN: token,
    HUB_AGENT_TOKEN: 'bench-agent-token-0123456789',
    HUB_MASTER_KEY: randomBytes(32).toString('base64'),
  });
  const db = connectPostgres({ url: database.url, maxConnections: 2 });
  const url = `${hub.url}/v1/interactions`;
  const bodyOf = (interactions: unknown[]) => JSON.stringify({ interactions });
  const post = async (body: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  };
  // Progress is polled often, so it must not cost the database much: counting rows of the events
  // or timeline tables would scan tens of megabytes 20 times a second, on the machine under test.
  // The writers' committed offsets say what is appended (committed only after the append), and
  // the customers' counters, kept in the projection's transactions, what is visible.
  const admin = new Kafka({ brokers: [...kafka.brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const appended = async () =>
    (await admin.fetchOffsets({ groupId: writerGroupOf(topic), topics: [topic] }))
      .flatMap((t) => t.partitions)
      .reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  const visible = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          'SELECT coalesce(sum(interaction_count), 0)::text AS n FROM read_models.customers',
        )
      )[0]?.n ?? 0,
    );
  try {
    say(
      `bench:ingest on PostgreSQL + Kafka (${kafka.source} ${kafka.brokers.join(',')}), topic ${topic}, hub ${TOPOLOGY === 'split' ? 'in three processes (gateway+api, writer, projector)' : 'in one process'}, ${CLIENTS} clients`,
    );
    const raw = await rawKafkaFigures(kafka.brokers, SUSTAINED);
    say(`raw kafkajs produce ${round(raw.producePerSecond)} msg/s, consume ${round(raw.consumePerSecond)} msg/s`);
    const rawAppends = await rawStoreAppends(database.url, SUSTAINED / 4);
    say(`raw store appends   ${round(rawAppends)} events/s (8 writers, one event each)`);

    const postAll = async (bodies: readonly string[]) => {
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let b = c; b < bodies.length; b += CLIENTS) await post(bodies[b] ?? '');
        }),
      );
    };
    // Request bodies are made before the clock starts, as a load generator does (wrk, k6): on two
    // cores the hub shares, serialising 60,000 interactions would be load-generator time counted
    // against the hub.
    const bodiesOf = (count: number, make: (n: number) => unknown) =>
      Array.from({ length: Math.ceil(count / BATCH) }, (_, b) =>
        bodyOf(Array.from({ length: Math.min(BATCH, count - b * BATCH) }, (_, i) => make(b * BATCH + i))),
      );
    const untilVisible = async (count: number) => {
      while ((await visible()) < count) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    // Warm-up, not measured: the same path with other customers, so the broker's and the hub's
    // JIT compilers have done their work before the clock starts (as JMH warms up before it measures).
    if (WARMUP > 0) {
      const warmStarted = Date.now();
      await postAll(bodiesOf(WARMUP, (n) => benchInteraction(n, CUSTOMERS, 'warm', 'warm-customer')));
      await untilVisible(WARMUP);
      say(
        `warm-up             ${WARMUP} interactions in ${round((Date.now() - warmStarted) / 1000, 1)} s (not measured)`,
      );
    }

    // Sustained: batches of 500 from 4 clients; done when every interaction is in the timeline.
    const bodies = bodiesOf(SUSTAINED, (n) => benchInteraction(n, CUSTOMERS));
    const started = process.hrtime.bigint();
    let acceptedAt = 0n;
    await postAll(bodies);
    acceptedAt = process.hrtime.bigint();
    let appendedSeconds = 0;
    for (let seen = await visible(); seen < WARMUP + SUSTAINED; seen = await visible()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!appendedSeconds && (await appended()) >= WARMUP + SUSTAINED) {
        appendedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      }
      if (Number(process.hrtime.bigint() - started) / 1e9 > 600) throw new Error(`only ${seen} visible after 600 s`);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Committed offsets trail the appends by up to the writer's commit interval (1 s), and all
    // that is visible is appended: when the offsets come later, the visible time stands for both.
    if (!appendedSeconds) appendedSeconds = seconds;
    const acceptSeconds = Number(acceptedAt - started) / 1e9;
    say(
      `sustained           ${round(SUSTAINED / seconds)} interactions/s end to end (accepted at ${round(SUSTAINED / acceptSeconds)}/s)`,
    );

    // Freshness at a fixed offered load: every 10 ms a POST of RATE/100 interactions.
    const sentAt = new Map<string, number>();
    const perTick = RATE / 100;
    const ticks = RATE_SECONDS * 100;
    const offset = SUSTAINED + 1_000_000;
    const t0 = Date.now();
    const inFlight: Promise<void>[] = [];
    for (let tick = 0; tick < ticks; tick++) {
      const due = t0 + tick * 10;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const interactions = Array.from({ length: perTick }, (_, i) =>
        benchInteraction(offset + tick * perTick + i, CUSTOMERS, 'rate'),
      );
      inFlight.push(
        post(bodyOf(interactions)).then(() => {
          const now = Date.now();
          for (const i of interactions) sentAt.set(i.source.externalId, now);
        }),
      );
    }
    await Promise.all(inFlight);
    await untilVisible(WARMUP + SUSTAINED + ticks * perTick);
    // recorded_at is the append's time (the writer's transaction), projected_at the row's: the two
    // legs of freshness, accepted -> appended and appended -> visible.
    const rows = await db.query<{ external_id: string; recorded_ms: string; projected_ms: string }>(
      `SELECT details->>'externalId' AS external_id,
              (extract(epoch FROM recorded_at) * 1000)::bigint::text AS recorded_ms,
              (extract(epoch FROM projected_at) * 1000)::bigint::text AS projected_ms
         FROM read_models.timeline WHERE (details->>'externalId') LIKE 'rate-%'`,
    );
    const legs = rows.flatMap((r) => {
      const sent = sentAt.get(r.external_id);
      if (sent === undefined) return [];
      const [recorded, projected] = [Number(r.recorded_ms), Number(r.projected_ms)];
      return [
        {
          total: Math.max(0, projected - sent),
          toAppend: Math.max(0, recorded - sent),
          toVisible: projected - recorded,
        },
      ];
    });
    const sorted = (pick: (l: (typeof legs)[number]) => number) => legs.map(pick).sort((a, b) => a - b);
    const freshness = sorted((l) => l.total);
    const toAppend = sorted((l) => l.toAppend);
    const toVisible = sorted((l) => l.toVisible);
    const p50 = percentile(freshness, 50);
    const p99 = percentile(freshness, 99);
    const appendP99 = percentile(toAppend, 99);
    const projectionP99 = percentile(toVisible, 99);
    say(
      `freshness at ${RATE}/s   p50 ${round(p50)} ms  p99 ${round(p99)} ms  (${freshness.length} interactions, accepted -> visible)`,
    );
    say(
      `  of which           accepted -> appended p50 ${round(percentile(toAppend, 50))} / p99 ${round(appendP99)} ms, appended -> visible p50 ${round(percentile(toVisible, 50))} / p99 ${round(projectionP99)} ms`,
    );
    say(
      JSON.stringify({
        bench: 'ingest',
        topology: TOPOLOGY,
        clients: CLIENTS,
        warmup_interactions: WARMUP,
        date: new Date().toISOString().slice(0, 10),
        sustained_interactions_per_s: round(SUSTAINED / seconds),
        accepted_interactions_per_s: round(SUSTAINED / acceptSeconds),
        appended_interactions_per_s: round(SUSTAINED / appendedSeconds),
        raw_kafka_produce_per_s: round(raw.producePerSecond),
        raw_kafka_consume_per_s: round(raw.consumePerSecond),
        raw_store_append_per_s: round(rawAppends),
        sustained_vs_raw_append_ratio: round(SUSTAINED / seconds / rawAppends, 2),
        offered_rate_per_s: RATE,
        freshness_p50_ms: round(p50),
        freshness_p99_ms: round(p99),
        append_p99_ms: round(appendP99),
        projection_p99_ms: round(projectionP99),
      }),
    );
  } finally {
    await admin.disconnect();
    await db.close();
    await hub.stop();
    await database.drop();
    await kafka.stop();
  }
}

await main();
