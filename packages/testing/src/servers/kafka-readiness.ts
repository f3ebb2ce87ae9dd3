import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from '../wait-for.ts';

/**
 * Waits until a fresh broker serves what tests use first, not merely until it answers metadata:
 * the group coordinator (its offsets topic is made and loaded on first use) and producer ids for
 * idempotent producers. Otherwise the first test pays for it in "coordinator is loading" retries
 * and error lines from kafkajs.
 */
export async function waitForKafkaReady(
  brokers: string[],
  options: { timeoutMs: number; signal?: AbortSignal; what: string },
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'hub-testing-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: { retries: 1, initialRetryTime: 100 },
  });
  const deadline = Date.now() + options.timeoutMs;
  const step = <T>(probe: () => Promise<T | undefined>, what: string) =>
    waitFor(probe, {
      timeoutMs: Math.max(deadline - Date.now(), 0),
      intervalMs: 200,
      what: `${options.what} (${what})`,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  try {
    await step(async () => {
      await admin.connect();
      return (await admin.describeCluster()).brokers.length > 0 ? true : undefined;
    }, 'cluster metadata');
    await step(async () => {
      // Throws while the coordinator is missing or loading; answers once it serves groups.
      const { groups } = await admin.describeGroups(['hub-testing-warm-up']);
      return groups.length > 0 ? true : undefined;
    }, 'the group coordinator');
    await step(async () => {
      await producer.connect();
      return true;
    }, 'a producer id for idempotent producers');
  } finally {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  }
}
