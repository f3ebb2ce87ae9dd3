// `pnpm kafka start [--port N] [--data-dir DIR]`: a single-node Kafka broker from the Maven jars
// in infra/kafka/pom.xml, in the foreground until Ctrl-C. No Docker needed, only Java 17+ and Maven.
import { parseArgs } from 'node:util';
import { createLogger } from '../packages/logger/src/index.ts';
import { startLocalKafka } from '../packages/testing/src/index.ts';

const usage = 'usage: tsx scripts/kafka.ts start [--port N] [--data-dir DIR]';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});

if (values.help || positionals[0] !== 'start') {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
  console.error(`--port must be a TCP port, not ${values.port}\n${usage}`);
  process.exit(2);
}

const logger = createLogger({ service: 'kafka-cli', destination: process.stderr });
const started = Date.now();
const kafka = await startLocalKafka({
  logger,
  ...(port === undefined ? {} : { port }),
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
});

console.log(`Kafka is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`bootstrap: ${kafka.brokers.join(',')}`);
console.log(
  `  export KAFKA_BROKERS=${kafka.brokers.join(',')} HUB_KAFKA_REPLICATION_FACTOR=1 HUB_KAFKA_MIN_INSYNC_REPLICAS=1`,
);
console.log(`broker log: ${kafka.logFile}`);
console.log('Ctrl-C stops it.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping Kafka...');
    kafka.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
