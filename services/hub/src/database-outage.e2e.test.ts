import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@hub/logger';
import {
  type LocalPostgres,
  type ProvidedKafka,
  provideKafka,
  singleBrokerDurability,
  startLocalPostgres,
  waitFor,
} from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

// PostgreSQL stopped for 10 s (fast shutdown, as an operator's restart or a failover does) while
// providers keep sending. What a provider sees is 202 only for what is written (or durable in
// Kafka), 503 with Retry-After for the rest; it sends those again, as every provider does. In the
// end every interaction is in the timeline exactly once and nothing is a dead letter.

const CHANNEL_TOKEN = 'channel-token-for-tests-0123';
const AGENT_TOKEN = 'agent-token-for-tests-456789';
const OUTAGE_MS = 10_000;

interface LogLine {
  readonly msg?: string;
  readonly errorCode?: string;
  readonly component?: string;
}

/** A logger whose lines the test reads back (pino JSON, one object per line). */
function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ service: 'outage-test', level: 'info', destination }), lines };
}

const interaction = (n: number) => ({
  channel: 'generic',
  source: { system: 'outage-test', externalId: `ticket-${n}` },
  direction: 'inbound',
  occurredAt: new Date(Date.UTC(2026, 10, 20, 8, 0, n % 60)).toISOString(),
  contact: { identifiers: [{ kind: 'email', value: `customer-${n % 97}@example.ir` }], displayName: 'سارا رضایی' },
  threadKey: `ticket-${n}`,
  summary: `پیام ${n}`,
  text: `outage-message-${n}`,
  html: null,
  details: { channel: 'generic', system: 'outage-test', externalId: `ticket-${n}`, attributes: {} },
});

/** What the providers were told, per interaction number; 503s are sent again until accepted. */
class Provider {
  readonly accepted = new Set<number>();
  readonly refusedForNow = new Set<number>();
  readonly unexpected: string[] = [];
  refusals = 0;
  retryAfterSeen = 0;

  constructor(private readonly hub: () => ComposedHub) {}

  async send(n: number): Promise<number> {
    const response = await this.hub().app.inject({
      method: 'POST',
      url: '/v1/interactions',
      headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify(interaction(n)),
    });
    if (response.statusCode === 202) {
      this.accepted.add(n);
      this.refusedForNow.delete(n);
    } else if (response.statusCode === 503) {
      this.refusedForNow.add(n);
      this.refusals += 1;
      if (Number(response.headers['retry-after']) > 0) this.retryAfterSeen += 1;
      const problem = response.json() as { code?: string };
      if (!['DATABASE_UNAVAILABLE', 'INTAKE_UNAVAILABLE', 'EVENT_STORE_UNAVAILABLE'].includes(problem.code ?? ''))
        this.unexpected.push(`503 ${response.body}`);
    } else {
      this.unexpected.push(`${response.statusCode} ${response.body}`);
    }
    return response.statusCode;
  }

  /** Open loop: one new interaction every `1000 / perSecond` ms, whatever the answers take. */
  async steady(from: number, count: number, perSecond: number): Promise<void> {
    const sends: Promise<number>[] = [];
    for (let i = 0; i < count; i += 1) {
      sends.push(this.send(from + i));
      await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
    }
    await Promise.all(sends);
  }

  /** As fast as `parallel` connections allow. */
  async burst(from: number, count: number, parallel: number): Promise<void> {
    let next = from;
    const worker = async () => {
      while (next < from + count) await this.send(next++);
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  /** `parallel` connections sending back to back for `ms`; resolves with how many were sent. */
  async during(ms: number, parallel: number): Promise<number> {
    const until = Date.now() + ms;
    let next = 0;
    const worker = async () => {
      while (Date.now() < until) await this.send(next++);
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return next;
  }

  /** A provider's retry of everything refused for now, until accepted. */
  async resendRefused(): Promise<void> {
    await waitFor(
      async () => {
        for (const n of [...this.refusedForNow]) await this.send(n);
        return this.refusedForNow.size === 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'every refused interaction to be accepted when sent again' },
    );
  }
}

async function assertEveryInteractionOnce(hub: ComposedHub, total: number): Promise<void> {
  const timelineCount = async () =>
    Number(
      (
        await hub.database.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM read_models.timeline WHERE body_text LIKE 'outage-message-%'",
        )
      )[0]?.n,
    );
  let inTimeline = 0;
  await waitFor(
    async () => {
      inTimeline = await timelineCount();
      return inTimeline >= total ? true : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 250, what: `all ${total} interactions in the timeline` },
  ).catch(async (error: Error) => {
    // Where it stopped tells the writer (Kafka to store) from the projection (store to timeline).
    const [events] = await hub.database.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM event_store.events WHERE event_type = 'InteractionRecorded'",
    );
    throw new Error(`${error.message}: ${inTimeline} in the timeline, ${events?.n} appended`);
  });
  await hub.projectionCaughtUp();
  const rows = await hub.database.query<{ body_text: string; n: string }>(
    `SELECT body_text, count(*)::text AS n FROM read_models.timeline
      WHERE body_text LIKE 'outage-message-%' GROUP BY body_text`,
  );
  const seen = new Map(rows.map((row) => [row.body_text, Number(row.n)]));
  const missing = Array.from({ length: total }, (_, n) => n).filter((n) => !seen.has(`outage-message-${n}`));
  assert.equal(missing, [], 'every interaction sent is in the timeline');
  assert.equal(
    rows.filter((row) => row.n !== '1').map((row) => row.body_text),
    [],
    'no interaction is in the timeline twice',
  );
  const [events] = await hub.database.query<{ n: string }>(
    "SELECT count(*)::text AS n FROM event_store.events WHERE event_type = 'InteractionRecorded'",
  );
  assert.is(Number(events?.n), total, 'each interaction was appended exactly once');
  assert.equal(await hub.log.deadLetters.list(), [], 'nothing was dead-lettered');
}

const retriedBecauseUnavailable = (lines: readonly LogLine[]) =>
  lines.filter(
    (line) =>
      line.msg === 'handler failed; retrying the message in place' &&
      (line.errorCode === 'DATABASE_UNAVAILABLE' || line.errorCode === 'EVENT_STORE_UNAVAILABLE'),
  ).length;

const baseEnv = (database: LocalPostgres) => ({
  DATABASE_URL: database.url,
  HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
  HUB_AGENT_TOKEN: AGENT_TOKEN,
  HUB_MASTER_KEY: randomBytes(32).toString('base64'),
});

interface InProcessContext {
  database: LocalPostgres;
  hub: ComposedHub;
  lines: LogLine[];
}

const inProcess = suite<InProcessContext>('a 10 s PostgreSQL outage under load, on the in-process log');
inProcess.before(async (context) => {
  context.database = await startLocalPostgres();
  const { logger, lines } = capturingLogger();
  context.lines = lines;
  context.hub = await composeHub(loadConfig(baseEnv(context.database)), logger);
});
inProcess.after(async ({ hub, database }) => {
  await hub?.stop();
  await database?.stop();
});

inProcess(
  'answers 503 with Retry-After (never 202) for what it could not write; nothing lost, duplicated or dead-lettered',
  async ({ hub, database, lines }) => {
    const provider = new Provider(() => hub);
    // Eight providers sending back to back for 18 s, so some interactions are always between
    // "raw payload kept" and "appended"; the database goes away 3 s in and is back 10 s later.
    const load = provider.during(18_000, 8);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await database.interrupt(OUTAGE_MS);
    const total = await load;

    const accepted = [...provider.accepted];
    assert.ok(
      accepted.some((n) => n < 50) && accepted.some((n) => n >= total - 50),
      'accepted before and after the outage',
    );
    assert.ok(provider.refusedForNow.size > 0, 'the outage refused some interactions');
    await provider.resendRefused();
    await assertEveryInteractionOnce(hub, total);
    assert.equal(provider.unexpected, [], 'every answer was 202 or a retriable 503');
    assert.is(provider.retryAfterSeen, provider.refusals, 'every 503 said when to retry');
    assert.ok(retriedBecauseUnavailable(lines) > 0, 'the writer met the outage and retried');
    assert.not.ok(
      lines.some((line) => line.msg === 'handler failed for good; moving the message to the dead letters'),
      'no message was judged poison',
    );
  },
);

interface KafkaContext {
  kafka: ProvidedKafka;
  database: LocalPostgres;
  hubs: ComposedHub[];
}

const onKafka = suite<KafkaContext>('a 10 s PostgreSQL outage under load, on Kafka');
onKafka.before(async (context) => {
  context.kafka = await provideKafka();
  context.database = await startLocalPostgres();
  context.hubs = [];
});
onKafka.after(async ({ hubs, database, kafka }) => {
  for (const hub of hubs.reverse()) await hub.stop();
  await database?.stop();
  await kafka?.stop();
});

onKafka(
  'the writer holds its backlog through the outage and appends it after; the gateway answers 503 while it cannot keep the raw payload',
  async (context) => {
    const env = {
      ...baseEnv(context.database),
      ...singleBrokerDurability,
      KAFKA_BROKERS: context.kafka.brokers.join(','),
      HUB_KAFKA_TOPIC: `outage-${randomBytes(4).toString('hex')}`,
      HUB_KAFKA_PARTITIONS: '2',
    };
    const { logger, lines } = capturingLogger();
    const front = await composeHub(loadConfig({ ...env, HUB_ROLES: 'gateway,api,projector' }), logger);
    context.hubs.push(front);
    const provider = new Provider(() => front);

    // A backlog in Kafka that no writer is reading yet: accepted (durable in the log) but unwritten.
    const backlog = 1_500;
    await provider.burst(0, backlog, 16);
    assert.is(provider.accepted.size, backlog, `the backlog was accepted: ${provider.unexpected.slice(0, 3)}`);

    // The writer starts on it, and the database goes away while it is working through it.
    const writer = await composeHub(loadConfig({ ...env, HUB_ROLES: 'writer' }), logger);
    context.hubs.push(writer);
    await writer.writerJoined();
    const load = provider.steady(backlog, 300, 25);
    await waitFor(
      async () => {
        const [row] = await front.database.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM event_store.events WHERE event_type = 'InteractionRecorded'",
        );
        return Number(row?.n) > 0 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 20, what: 'the writer to start appending the backlog' },
    );
    await context.database.interrupt(OUTAGE_MS);
    await load;

    assert.ok(provider.refusedForNow.size > 0, 'the gateway refused what it could not keep during the outage');
    await provider.resendRefused();
    await assertEveryInteractionOnce(front, backlog + 300);
    assert.equal(provider.unexpected, [], 'every answer was 202 or a retriable 503');
    assert.is(provider.retryAfterSeen, provider.refusals, 'every 503 said when to retry');
    assert.ok(retriedBecauseUnavailable(lines) > 0, 'the writer met the outage with messages in hand and retried');
    assert.not.ok(
      lines.some((line) => line.msg === 'handler failed for good; moving the message to the dead letters'),
      'no message was judged poison',
    );
  },
);

inProcess.run();
onKafka.run();
