// A consumer that kafka-log.int.test.ts runs as a child process and kills with SIGKILL: it handles
// the first message (the handler resolves), then holds the second forever. Both come in one batch,
// and offsets are committed between chunks of a batch or when it ends, so at the kill the first
// message is handled but not committed: the next consumer of the group must get it again.
import { createKafkaLog } from './kafka-log.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const log = createKafkaLog({
  brokers: env('KAFKA_BROKERS').split(','),
  topic: env('CRASH_TOPIC'),
  deadLetterTopic: env('CRASH_DEAD_LETTER_TOPIC'),
  partitions: 1,
  sessionTimeoutMs: 6_000, // the broker's minimum: the dead member is dropped soon after the kill
  commitIntervalMs: 600_000,
  maxWaitMs: 100,
});

let handled = 0;
await log.consume({
  group: env('CRASH_GROUP'),
  handle: async (message) => {
    handled += 1;
    if (handled === 1) {
      process.stdout.write(`handled ${message.position}\n`);
      return;
    }
    process.stdout.write(`holding ${message.position}\n`);
    await new Promise(() => {});
  },
});
process.stdout.write('joined\n');
