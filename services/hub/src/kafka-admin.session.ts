import { type Admin, Kafka, type KafkaConfig, logLevel } from 'kafkajs';

/**
 * One Kafka admin connection kept for the process's health checks and metrics, opened on first
 * use. A failure drops it, so the next use connects afresh: a dead connection never sticks, and a
 * probe every few seconds costs no new TCP and SASL handshake.
 */
export interface KafkaAdminSession {
  use<T>(work: (admin: Admin) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openKafkaAdminSession(
  brokers: readonly string[],
  options: Pick<KafkaConfig, 'socketFactory'> = {},
): KafkaAdminSession {
  const kafka = new Kafka({
    clientId: 'hub-health',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    requestTimeout: 3000,
    // A couple of quick retries: a first group-coordinator look-up after connecting can find the
    // broker pool still empty. Bounded well under the 2 s a health check waits.
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 400 },
    ...options,
  });
  let connected: Promise<Admin> | undefined;
  const drop = async () => {
    const admin = connected;
    connected = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  };
  return {
    async use(work) {
      if (!connected) {
        const admin = kafka.admin();
        connected = admin.connect().then(() => admin);
      }
      const current = connected;
      try {
        return await work(await current);
      } catch (error) {
        if (connected === current) await drop();
        throw error;
      }
    },
    close: drop,
  };
}
