export { isDockerAvailable } from './docker.probe.ts';
export {
  kurrentDbImage,
  type ProvidedEventStoreDb,
  provideEventStoreDb,
  type SkippedServer,
} from './event-store-db.provider.ts';
export { type ProvidedImap, provideImapServer } from './imap.provider.ts';
export { type ProvidedKafka, provideKafka, singleBrokerDurability } from './kafka.provider.ts';
export { type ProvidedPostgres, providePostgres } from './postgres.provider.ts';
export type { ProvidedServer, ServerSource } from './server-source.ts';
export { dovecotBinary, type LocalDovecot, startLocalDovecot } from './servers/dovecot-local.ts';
export { findFreePort } from './servers/free-port.ts';
export { type LocalKafka, type LocalKafkaOptions, startLocalKafka } from './servers/kafka-local.ts';
export { isPostgresReachable, type LocalPostgres, startLocalPostgres } from './servers/postgres-local.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { uniqueName } from './unique-name.ts';
export { type WaitOptions, waitFor } from './wait-for.ts';
