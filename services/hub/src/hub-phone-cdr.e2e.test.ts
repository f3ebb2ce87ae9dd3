import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { silentLogger } from '@hub/logger';
import { createTestDatabase, singleBrokerDurability, type TestDatabase, waitFor } from '@hub/testing';
import { Kafka, logLevel } from 'kafkajs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { writerGroupOf } from './start-writer.ts';

const CHANNEL = 'channel-token-for-tests-0123';
const AGENT = 'agent-token-for-tests-456789';
const channel = { authorization: `Bearer ${CHANNEL}` };

interface Context {
  hub: ComposedHub;
  database: TestDatabase;
  masterCsv: string;
  brokers: string[];
  topic: string;
}

interface CdrAnswer {
  totals: Record<string, number>;
  rows: { line: number; outcome: string; interactionId?: string; parseFailureId?: string }[];
}

const cdr = suite<Context>('Asterisk CDR files through the whole hub (PostgreSQL, Kafka)');

cdr.before(async (context) => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('no KAFKA_BROKERS: run it through scripts/test.ts, which starts Kafka');
  context.brokers = brokers.split(',');
  context.topic = `hub-cdr-${randomBytes(4).toString('hex')}`;
  context.masterCsv = await readFile(
    new URL('../../../packages/channels/src/phone/fixtures/asterisk-master-84.csv', import.meta.url),
    'utf8',
  );
  context.database = await createTestDatabase({ prefix: 'hub_cdr' });
  context.hub = await composeHub(
    loadConfig({
      DATABASE_URL: context.database.url,
      KAFKA_BROKERS: brokers,
      ...singleBrokerDurability,
      HUB_KAFKA_TOPIC: context.topic,
      HUB_CHANNEL_TOKEN: CHANNEL,
      HUB_AGENT_TOKEN: AGENT,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_PHONE_REGION: 'IR',
      // This switch writes cdr_custom's sample layout; a cdr_csv file says so in its request.
      HUB_CDR_COLUMNS: 'cdr_custom',
      HUB_LOG_LEVEL: 'silent',
    }),
    silentLogger(),
  );
  await context.hub.writerJoined();
});
cdr.after(async ({ hub, database }) => {
  await hub?.stop();
  await database?.drop();
});

const postCdr = (hub: ComposedHub, body: string, query: string) =>
  hub.app.inject({
    method: 'POST',
    url: `/v1/channels/phone/cdr?${query}`,
    headers: { ...channel, 'content-type': 'text/csv' },
    payload: body,
  });

const count = async (hub: ComposedHub, sql: string) =>
  Number((await hub.database.query<{ n: string }>(sql))[0]?.n ?? 0);
const recordedCalls = (hub: ComposedHub) =>
  count(hub, "SELECT count(*) AS n FROM event_store.events WHERE event_type = 'InteractionRecorded'");
const phoneTimeline = (hub: ComposedHub) =>
  count(hub, "SELECT count(*) AS n FROM read_models.timeline WHERE channel = 'phone'");

/** Waits until the writer and the projection have `n` calls, and checks that they stay at n. */
async function settlesAt(hub: ComposedHub, n: number) {
  await waitFor(async () => ((await recordedCalls(hub)) >= n ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 100,
    what: `${n} calls recorded`,
  });
  await hub.projectionCaughtUp();
  assert.is(await recordedCalls(hub), n, 'calls in the event store');
  assert.is(await phoneTimeline(hub), n, 'calls on timelines');
}

const parseFailures = async (hub: ComposedHub) =>
  (
    (await hub.app.inject({ method: 'GET', url: '/v1/parse-failures', headers: channel })).json() as {
      parseFailures: { id: string; channel: string; parseError: string }[];
    }
  ).parseFailures.filter((failure) => failure.channel === 'phone');

cdr(
  "a real switch's 84-row Master.csv: 58 customer calls recorded, 25 internal skipped, the cut row kept",
  async ({ hub, masterCsv }) => {
    const response = await postCdr(hub, masterCsv, 'timeZone=Asia/Tehran&layout=cdr_csv');
    assert.is(response.statusCode, 202, response.body);
    const answer = response.json() as CdrAnswer;
    assert.equal(answer.totals, { rows: 84, recorded: 58, skippedInternal: 25, failed: 1 });
    await settlesAt(hub, 58);

    const [failed] = answer.rows.filter((row) => row.outcome === 'failed');
    const kept = await parseFailures(hub);
    assert.equal(
      kept.map((failure) => failure.id),
      [failed?.parseFailureId],
      'the cut row alone is listed',
    );
    assert.match(kept[0]?.parseError ?? '', /^line 53 of a CDR file: the row has 12 columns/);
    const rerun = await hub.app.inject({
      method: 'POST',
      url: `/v1/parse-failures/${failed?.parseFailureId}/rerun`,
      headers: channel,
    });
    assert.is(rerun.statusCode, 422, rerun.body);
    assert.is(rerun.json().code, 'UNPARSEABLE_PAYLOAD');

    const lookup = await hub.app.inject({
      method: 'GET',
      url: '/v1/customers/lookup?phone=%2B989121055433',
      headers: { authorization: `Bearer ${AGENT}` },
    });
    assert.is(lookup.statusCode, 200, lookup.body);
    assert.is(lookup.json().displayName, 'Sara Mohammadi');
  },
);

/** Waits until the writers' group has handled and committed everything in the log. */
async function writerDrained(brokers: string[], topic: string) {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
    await waitFor(
      async () => {
        const [committed] = await admin.fetchOffsets({ groupId: writerGroupOf(topic), topics: [topic] });
        // A partition that never held a message has nothing to commit (high watermark 0).
        const done = committed?.partitions.every((p) => ['0', p.offset].includes(ends.get(p.partition) ?? ''));
        return done ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the writer to commit the end of every partition' },
    );
  } finally {
    await admin.disconnect();
  }
}

cdr('the same file posted again records nothing twice', async ({ hub, masterCsv, brokers, topic }) => {
  const again = await postCdr(hub, masterCsv, 'timeZone=Asia/Tehran&layout=cdr_csv');
  assert.is(again.statusCode, 202, again.body);
  assert.is((again.json() as CdrAnswer).totals.recorded, 58, 'every customer call handed on again');
  await writerDrained(brokers, topic);
  await hub.projectionCaughtUp();
  assert.is(await recordedCalls(hub), 58, 'calls in the event store');
  assert.is(await phoneTimeline(hub), 58, 'calls on timelines');
  assert.is((await parseFailures(hub)).length, 1, 'the cut row is kept once');
});

cdr("cdr_custom's sample layout (the configured one): quoted numbers, an empty answer time", async ({ hub }) => {
  const custom = [
    '"""رضا کریمی"" <۰۹۱۵۱۲۳۴۵۶۷>","۰۹۱۵۱۲۳۴۵۶۷","02188001234","from-trunk","SIP/trunk-00000910","SIP/203-00000911","Dial","SIP/203,30,tT","2026-11-22 10:00:00","2026-11-22 10:00:06","2026-11-22 10:03:06","186.412","180.005","ANSWERED","DOCUMENTATION","","1763795000.910","",1',
    '"""Agent 203"" <203>","203","09155554433","from-internal","PJSIP/203-00000912","PJSIP/trunk-00000913","Dial","PJSIP/09155554433@trunk,60","2026-11-22 10:10:00","","2026-11-22 10:10:30","30","0","BUSY","DOCUMENTATION","sales","1763795600.912","",1',
    '"""Agent 203"" <203>","203","204","from-internal","PJSIP/203-00000914","PJSIP/204-00000915","Dial","PJSIP/204,20","2026-11-22 10:20:00","2026-11-22 10:20:02","2026-11-22 10:21:00","60","58","ANSWERED","DOCUMENTATION","","1763796200.914","",1',
  ].join('\n');
  const response = await postCdr(hub, `${custom}\n`, 'timeZone=Asia/Tehran');
  assert.is(response.statusCode, 202, response.body);
  assert.equal((response.json() as CdrAnswer).totals, { rows: 3, recorded: 2, skippedInternal: 1, failed: 0 });
  await settlesAt(hub, 60);
  const timeline = await hub.database.query<{ details: { talkSeconds: number; answeredAt: string | null } }>(
    `SELECT details FROM read_models.timeline WHERE interaction_id = $1`,
    [(response.json() as CdrAnswer).rows[1]?.interactionId],
  );
  assert.is(timeline[0]?.details.answeredAt, null, 'an empty answer time is no answer');
});

cdr('a kept row an older parser failed on is recorded when re-run', async ({ hub }) => {
  const row =
    '"""Older"" <09127770000>","09127770000","02188001234","from-trunk","SIP/trunk-00000920","SIP/202-00000921","Dial","SIP/202,30","2026-11-22 11:00:00","2026-11-22 11:00:04","2026-11-22 11:02:04","124","120","ANSWERED","DOCUMENTATION","","1763799600.920","",1\n';
  const id = await hub.rawPayloads.save(
    {
      channel: 'phone',
      contentType: 'text/csv; layout="cdr_custom"; timezone="Asia/Tehran"',
      body: Buffer.from(row),
      receivedAt: new Date(),
    },
    'line 7 of a CDR file: an older parser could not read quoted numbers',
  );
  const rerun = await hub.app.inject({ method: 'POST', url: `/v1/parse-failures/${id}/rerun`, headers: channel });
  assert.is(rerun.statusCode, 202, rerun.body);
  assert.is(rerun.json().accepted, 1);
  await settlesAt(hub, 61);
  assert.not.ok(
    (await parseFailures(hub)).some((failure) => failure.id === id),
    'a re-run row leaves the list',
  );
});

cdr.run();
