import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HubError } from '@hub/errors';
import { createLogger } from '@hub/logger';
import { type ProvidedKafka, provideKafka, uniqueName, waitFor } from '@hub/testing';
import kafkajs, { type Admin, Kafka, logLevel } from 'kafkajs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { logContract } from './contract/index.ts';
import { plannedPublishers, recorder, seqOf, toMessage } from './contract/log-contract.harness.ts';
import type { ConsumedMessage, InteractionLog } from './interaction-log.port.ts';
import { createKafkaLog, type KafkaLogOptions } from './kafka-log.ts';

interface Context {
  server: ProvidedKafka;
  admin: Admin;
  logs: InteractionLog[];
}

// kafkajs is CommonJS; Node finds only its first few exports by name.
const { ConfigResourceTypes } = kafkajs;
const logger = createLogger({ service: 'bus-test', level: process.env.HUB_TEST_LOG_LEVEL ?? 'silent' });
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const kafka = suite<Context>('kafka log: the interaction log contract and Kafka specifics');
kafka.before(async (context) => {
  context.logs = [];
  context.server = await provideKafka({ logger });
  const client = new Kafka({ clientId: 'bus-test', brokers: context.server.brokers, logLevel: logLevel.NOTHING });
  context.admin = client.admin();
  await context.admin.connect();
});
kafka.after.each(async ({ logs }) => {
  for (const log of logs.splice(0)) await log.close();
});
kafka.after(async ({ admin, server }) => {
  await admin?.disconnect();
  await server?.stop();
});

const open = (context: Context, options: Partial<KafkaLogOptions> = {}) => {
  const topic = uniqueName('hub_test_log');
  const log = createKafkaLog({
    brokers: context.server.brokers,
    topic,
    deadLetterTopic: `${topic}_dead_letters`,
    partitions: 3,
    maxWaitMs: 100,
    logger,
    ...options,
  });
  context.logs.push(log);
  return { log, topic };
};

for (const c of logContract) {
  kafka(c.name, (context) =>
    c.run({ timeoutMs: 60_000, openLog: async (settings) => open(context, { retry: settings?.retry ?? {} }).log }),
  );
}

kafka(
  'topics are created explicitly: partitions, durability, retention, a compacted dead-letter topic',
  async (context) => {
    const { log, topic } = open(context, { partitions: 5 });
    await log.publish([toMessage({ key: 'k', seq: 0 })]);
    const { topics } = await context.admin.fetchTopicMetadata({ topics: [topic, `${topic}_dead_letters`] });
    const partitions = (name: string) => topics.find((t) => t.name === name)?.partitions.length;
    assert.is(partitions(topic), 5);
    assert.is(partitions(`${topic}_dead_letters`), 1);
    const { resources } = await context.admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas', 'retention.ms'] },
        {
          type: ConfigResourceTypes.TOPIC,
          name: `${topic}_dead_letters`,
          configNames: ['cleanup.policy', 'retention.ms'],
        },
      ],
    });
    const value = (topicName: string, name: string) =>
      resources.find((r) => r.resourceName === topicName)?.configEntries.find((e) => e.configName === name)
        ?.configValue;
    assert.is(value(topic, 'min.insync.replicas'), '1');
    assert.is(value(topic, 'retention.ms'), String(7 * 24 * 3600 * 1000), 'sealed copies kept 7 days, not forever');
    assert.is(value(`${topic}_dead_letters`, 'cleanup.policy'), 'compact,delete');
    assert.is(value(`${topic}_dead_letters`, 'retention.ms'), String(30 * 24 * 3600 * 1000));
  },
);

kafka(
  'opening the log again over existing topics logs no error or warning (read from a pino destination)',
  async (context) => {
    const lines: { level: number; msg: string; error?: string }[] = [];
    const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const { log, topic } = open(context, { logger: createLogger({ service: 'bus-test', destination }) });
    await log.publish([toMessage({ key: 'k', seq: 0 })]);
    assert.ok(
      lines.some((line) => line.msg === 'created topic'),
      'the first start creates the topics',
    );
    lines.length = 0;
    const again = createKafkaLog({
      brokers: context.server.brokers,
      topic,
      deadLetterTopic: `${topic}_dead_letters`,
      partitions: 3,
      logger: createLogger({ service: 'bus-test', destination }),
    });
    context.logs.push(again);
    await again.publish([toMessage({ key: 'k', seq: 1 })]);
    const loud = lines.filter((line) => line.level >= 40);
    assert.equal(loud, [], 'existing topics are the normal case on every restart');
    assert.not.ok(lines.some((line) => line.msg === 'created topic'));
  },
);

kafka('concurrent publishes lose nothing and write nothing twice (kafkajs #1005)', async (context) => {
  const { log, topic } = open(context);
  const publishers = plannedPublishers(1_000, 20, 8, 'concurrent');
  // Batches and single messages at once, so requests of every size overlap on the producer.
  await Promise.all([
    ...publishers.slice(1).map(async (samples) => {
      for (let i = 0; i < samples.length; i += 25) await log.publish(samples.slice(i, i + 25).map(toMessage));
    }),
    ...(publishers[0] ?? []).map((sample) => log.publish([toMessage(sample)])),
  ]);
  const offsets = await context.admin.fetchTopicOffsets(topic);
  assert.is(
    offsets.reduce((sum, p) => sum + Number(p.high), 0),
    1_000,
    'the log holds each message exactly once',
  );
});

kafka(
  'a crash between handler and commit redelivers the message to the next consumer of the group',
  async (context) => {
    const { log, topic } = open(context, { partitions: 1 });
    const group = uniqueName('hub_test_crash');
    await log.publish([toMessage({ key: 'k', seq: 0 }), toMessage({ key: 'k', seq: 1 })]);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./kafka-crash.fixture.ts', import.meta.url))],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          KAFKA_BROKERS: context.server.brokers.join(','),
          CRASH_TOPIC: topic,
          CRASH_DEAD_LETTER_TOPIC: `${topic}_dead_letters`,
          CRASH_GROUP: group,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(async () => (output.includes('holding') ? true : undefined), {
        timeoutMs: 60_000,
        what: 'the child to hold message 1',
      });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    assert.match(output, new RegExp(`handled ${topic}/0/0\\n`));
    const [committed] = await context.admin.fetchOffsets({ groupId: group, topics: [topic] });
    assert.is(committed?.partitions[0]?.offset, '-1', 'the crashed consumer committed nothing');

    const { seen, handle } = recorder();
    await log.consume({ group, handle });
    await waitFor(async () => (seen.length >= 2 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'redelivery after the crash',
    });
    assert.equal(
      seen.map((s) => s.seq),
      [0, 1],
      'the handled-but-uncommitted message comes again, then the one in hand',
    );
  },
);

kafka(
  'offsets are committed at most once per commitIntervalMs, and a partition gone quiet still gets its last ones committed',
  async (context) => {
    const { log, topic } = open(context, { partitions: 1, commitIntervalMs: 5_000 });
    const group = uniqueName('hub_test_quiet');
    const committed = async () =>
      Number((await context.admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions[0]?.offset);
    const { seen, handle } = recorder();
    await log.consume({ group, handle });
    await log.publish([toMessage({ key: 'k', seq: 0 })]);
    // The first batch of a partition commits as it ends.
    await waitFor(async () => ((await committed()) === 1 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the first message committed',
    });
    await log.publish([toMessage({ key: 'k', seq: 1 }), toMessage({ key: 'k', seq: 2 })]);
    await waitFor(async () => (seen.length === 3 ? true : undefined), { timeoutMs: 30_000, what: 'both handled' });
    const handledAt = Date.now();
    assert.is(await committed(), 1, 'not committed again within the interval');
    // No more messages come: the timer commits what the last batch handled.
    await waitFor(async () => ((await committed()) === 3 ? true : undefined), {
      timeoutMs: 15_000,
      what: 'the quiet partition committed',
    });
    assert.ok(Date.now() - handledAt < 11_000, 'within about two intervals');
    assert.equal(
      seen.map((s) => s.seq),
      [0, 1, 2],
    );
  },
);

kafka(
  'a batch handler gets the messages of a partition together; when it fails they go one by one, and the bad one is dead-lettered',
  async (context) => {
    const { log } = open(context, { partitions: 1, maxBatchSize: 50 });
    await log.publish(Array.from({ length: 120 }, (_, seq) => toMessage({ key: 'customer-1', seq })));
    const batches: number[][] = [];
    const single: number[] = [];
    await log.consume({
      group: uniqueName('hub_test_batches'),
      handleBatch: async (messages: readonly ConsumedMessage[]) => {
        const seqs = messages.map(seqOf);
        if (seqs.includes(77)) throw new Error('one message of this batch cannot be read');
        batches.push(seqs);
      },
      handle: async (message) => {
        const seq = seqOf(message);
        if (seq === 77) throw new HubError('INVALID_INPUT', 'message 77 is unreadable');
        single.push(seq);
      },
    });
    await waitFor(async () => ((await log.deadLetters.list()).length === 1 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'message 77 in the dead letters',
    });
    await waitFor(async () => (batches.flat().length + single.length === 119 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'every other message handled',
    });
    assert.ok(batches.length >= 2, 'the good messages came in batches');
    assert.ok(
      batches.every((b) => b.length <= 50),
      'no batch is over the limit',
    );
    const handled = [...batches.flat(), ...single];
    assert.equal(
      [...handled].sort((a, b) => a - b),
      Array.from({ length: 120 }, (_, seq) => seq).filter((seq) => seq !== 77),
      'each message handled once, 77 aside',
    );
    assert.ok(
      single.every((seq) => Math.abs(seq - 77) < 50),
      'only the failed batch went one by one',
    );
    const [letter] = await log.deadLetters.list();
    assert.match(letter?.reason ?? '', 'message 77 is unreadable');
  },
);

kafka.run();
