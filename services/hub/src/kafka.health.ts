import { Kafka, logLevel } from 'kafkajs';
import type { DependencyCheck } from './health.ts';

/** Asks the cluster for its brokers; a fresh admin per check so a dead connection never sticks. */
export function kafkaHealth(brokers: readonly string[]): DependencyCheck {
  const kafka = new Kafka({
    clientId: 'hub-health',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    retry: { retries: 0 },
  });
  return {
    name: 'bus',
    async check() {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return { ok: true, kind: 'kafka', detail: `${cluster.brokers.length} broker(s)` };
      } catch (error) {
        return { ok: false, kind: 'kafka', detail: error instanceof Error ? error.message : String(error) };
      } finally {
        await admin.disconnect().catch(() => {});
      }
    },
  };
}
