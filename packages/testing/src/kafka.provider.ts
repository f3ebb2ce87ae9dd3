import type { Logger } from '@hub/logger';
import { isDockerAvailable } from './docker.probe.ts';
import { keepRunning, type ProvidedServer } from './server-source.ts';
import { findFreePort } from './servers/free-port.ts';
import { readKafkaVersion } from './servers/kafka-libs.ts';
import { startLocalKafka } from './servers/kafka-local.ts';
import { waitForKafkaReady } from './servers/kafka-readiness.ts';

export interface ProvidedKafka extends ProvidedServer {
  readonly brokers: string[];
}

async function startKafkaContainer(): Promise<ProvidedKafka> {
  const { GenericContainer, Wait } = await import('testcontainers');
  // Same version as the Maven broker; a fixed host port because the broker must advertise the
  // address clients reach it on, which a random mapping only reveals after start.
  const port = await findFreePort();
  const container = await new GenericContainer(`apache/kafka:${await readKafkaVersion()}`)
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const brokers = [`127.0.0.1:${port}`];
  await waitForKafkaReady(brokers, { timeoutMs: 60_000, what: `the Kafka container on ${brokers[0]}` });
  return { brokers, source: 'docker', stop: async () => void (await container.stop()) };
}

/**
 * The hub's topic settings for the one broker tests run: its defaults (3 replicas, 2 in sync)
 * are for a cluster and cannot be created here.
 */
export const singleBrokerDurability = Object.freeze({
  HUB_KAFKA_REPLICATION_FACTOR: '1',
  HUB_KAFKA_MIN_INSYNC_REPLICAS: '1',
});

/** Kafka for tests: KAFKA_BROKERS (comma separated), else a container, else a broker from the Maven jars. */
export async function provideKafka(options: { logger?: Logger } = {}): Promise<ProvidedKafka> {
  const configured = process.env.KAFKA_BROKERS?.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (configured?.length) return { brokers: configured, source: 'configured', stop: keepRunning };
  if (await isDockerAvailable()) return startKafkaContainer();
  const broker = await startLocalKafka(options);
  return { brokers: broker.brokers, source: 'local', stop: broker.stop };
}
