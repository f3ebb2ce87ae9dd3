// `tsx scripts/dead-letters.ts list [--json]` and `tsx scripts/dead-letters.ts redrive <id>|--all`:
// the interaction log's dead letters, where the hub keeps them.
//
//   KAFKA_BROKERS set   the dead-letter topic on Kafka (HUB_KAFKA_TOPIC, HUB_KAFKA_DEAD_LETTER_TOPIC
//                       name the topics when they are not the defaults). A redrive is done at once.
//   otherwise           the `dead_letters` table of the embedded mode: DATABASE_URL (PostgreSQL), else
//                       PGlite in HUB_DATA_DIR (default .hub-data; stop the hub first: one process per
//                       folder). A redrive is recorded; the hub's consumer publishes it within 10 s.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createKafkaLog,
  createSqlDeadLetters,
  type DeadLetter,
  type DeadLetters,
  deadLetterMigrations,
  interactionLogNames,
} from '../packages/bus/src/index.ts';
import { isHubError } from '../packages/errors/src/index.ts';
import { createLogger } from '../packages/logger/src/index.ts';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '../packages/sql/src/index.ts';

const usage = 'usage: tsx scripts/dead-letters.ts list [--json] | redrive <id> | redrive --all';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { all: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
const [command, id] = positionals;
const valid = command === 'list' || (command === 'redrive' && (values.all ? id === undefined : id !== undefined));
if (values.help || !valid) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const env = (name: string) => (process.env[name] ? process.env[name] : undefined);
const logger = createLogger({ service: 'dead-letters-cli', level: 'warn', destination: process.stderr });

interface Opened {
  readonly where: string;
  readonly deadLetters: DeadLetters;
  readonly redriveIsDeferred: boolean;
  close(): Promise<void>;
}

async function open(): Promise<Opened> {
  const brokers = env('KAFKA_BROKERS');
  if (brokers) {
    const topic = env('HUB_KAFKA_TOPIC') ?? interactionLogNames.topic;
    const deadLetterTopic = env('HUB_KAFKA_DEAD_LETTER_TOPIC') ?? `${topic}.dead-letters`;
    // Never creates topics: that is the hub's job, with the partition count it is configured with.
    const log = createKafkaLog({
      brokers: brokers.split(','),
      topic,
      deadLetterTopic,
      partitions: 1,
      createTopics: false,
      logger,
    });
    return {
      where: `Kafka topic ${deadLetterTopic}`,
      deadLetters: log.deadLetters,
      redriveIsDeferred: false,
      close: () => log.close(),
    };
  }
  const url = env('DATABASE_URL');
  const dataDir = join(resolve(env('HUB_DATA_DIR') ?? '.hub-data'), 'pglite');
  const db: SqlDatabase = url ? connectPostgres({ url }) : await openPGlite({ dataDir });
  // Run before the hub ever started: the table it reads is made here, under the same lock.
  await runMigrations(db, deadLetterMigrations);
  return {
    where: url ? 'PostgreSQL table dead_letters' : `PGlite table dead_letters in ${dataDir}`,
    deadLetters: createSqlDeadLetters(db, { log: interactionLogNames.inProcess }),
    redriveIsDeferred: true,
    close: () => db.close(),
  };
}

const line = (letter: DeadLetter) =>
  [
    letter.id,
    letter.deadLetteredAt.toISOString(),
    `group=${letter.group}`,
    `key=${letter.message.key}`,
    `code=${letter.errorCode ?? '-'}`,
    `attempts=${letter.attempts}`,
    `from=${letter.source}`,
    letter.reason,
  ].join('  ');

const opened = await open();
try {
  if (command === 'list') {
    const letters = await opened.deadLetters.list();
    if (values.json)
      console.log(
        JSON.stringify(
          letters.map((l) => ({ ...l, message: { ...l.message, value: l.message.value.toString('base64') } })),
          null,
          2,
        ),
      );
    else {
      console.error(`${letters.length} dead letter(s) in ${opened.where}`);
      for (const letter of letters) console.log(line(letter));
    }
  } else {
    let count = 1;
    if (values.all) count = await opened.deadLetters.redriveAll();
    else await opened.deadLetters.redrive(id ?? '');
    console.log(
      opened.redriveIsDeferred
        ? `${count} dead letter(s) marked for redrive; the hub's consumer publishes them within 10 s of running`
        : `${count} dead letter(s) put back onto the interaction log`,
    );
  }
} catch (error) {
  console.error(isHubError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await opened.close();
}
