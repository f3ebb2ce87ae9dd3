import type { Logger } from '@hub/logger';
import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';

export interface LogProducer {
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  send(topic: string, messages: Message[]): Promise<void>;
  close(): Promise<void>;
}

interface Generation {
  readonly producer: Producer;
  readonly connected: Promise<void>;
  inFlight: number;
  retired: boolean;
  disconnected: boolean;
}

/**
 * The idempotent producer, replaced after any failed send. kafkajs' idempotent producer is
 * experimental: after a send that timed out or failed, its sequence numbers can disagree with the
 * broker's and every later send fails (OUT_OF_ORDER_SEQUENCE_NUMBER). A fresh producer gets a new
 * producer id and starts clean. Sends already running on the old one finish first.
 */
export function createLogProducer(kafka: Kafka, logger: Logger): LogProducer {
  let current: Generation | undefined;

  const disconnect = (generation: Generation) => {
    if (generation.disconnected) return;
    generation.disconnected = true;
    void generation.producer
      .disconnect()
      .catch((error: unknown) => logger.debug({ err: error }, 'producer disconnect'));
  };
  const retire = (generation: Generation) => {
    generation.retired = true;
    if (current === generation) current = undefined;
  };
  const start = (): Generation => {
    const producer = kafka.producer({
      idempotent: true,
      // Above 1, kafkajs' idempotent producer has lost messages under concurrent sends (issue #1005).
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Murmur2 like the Java client, so other Kafka clients put a customer on the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
      // About 3 s of retries: long enough for a leader election, short enough for a webhook's caller.
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
    });
    return { producer, connected: producer.connect(), inFlight: 0, retired: false, disconnected: false };
  };

  return {
    async send(topic, messages) {
      const generation = current ?? start();
      current = generation;
      generation.inFlight += 1;
      try {
        await generation.connected;
        await generation.producer.send({ topic, messages, acks: -1 });
      } catch (error) {
        if (!generation.retired) logger.warn({ err: error, topic }, 'send failed; replacing the producer');
        retire(generation);
        throw error;
      } finally {
        generation.inFlight -= 1;
        if (generation.retired && generation.inFlight === 0) disconnect(generation);
      }
    },
    async close() {
      const generation = current;
      current = undefined;
      if (generation && !generation.disconnected) {
        generation.disconnected = true;
        await generation.producer.disconnect();
      }
    },
  };
}
