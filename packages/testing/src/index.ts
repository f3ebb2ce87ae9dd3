export { requireChromium } from './chromium.provider.ts';
export { isDockerAvailable } from './docker.probe.ts';
export {
  kurrentDbImage,
  type ProvidedEventStoreDb,
  provideEventStoreDb,
  type SkippedServer,
} from './event-store-db.provider.ts';
export { imapUrl, type ProvidedImap, provideImapServer } from './imap.provider.ts';
export { type ProvidedKafka, provideKafka, singleBrokerDurability } from './kafka.provider.ts';
export { loudHook } from './loud-hook.ts';
export { machineServerUrl, type ProvidedPostgres, providePostgres } from './postgres.provider.ts';
export {
  type InstallPolicy,
  installCommand,
  installPolicy,
  type MachineRequirement,
  missingPackages,
} from './provision/debian-packages.ts';
export { chromiumPath, requirements } from './provision/machine-requirements.ts';
export { type ProvisionOptions, provisionMachine, type Unavailable } from './provision/provision-machine.ts';
export { type TestMachineSituation, testMachineRequirements } from './provision/test-machine.ts';
export { type RawHttpExchange, type RawHttpOptions, rawHttpExchange } from './raw-http.client.ts';
export type { ProvidedServer, ServerSource } from './server-source.ts';
export { findDovecotBinary, type LocalDovecot, startLocalDovecot } from './servers/dovecot-local.ts';
export { findFreePort } from './servers/free-port.ts';
export { type LocalKafka, type LocalKafkaOptions, startLocalKafka } from './servers/kafka-local.ts';
export {
  findPostgresBinaries,
  isPostgresReachable,
  type LocalPostgres,
  startLocalPostgres,
} from './servers/postgres-local.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { uniqueName } from './unique-name.ts';
export { untilProjected, type WaitOptions, waitFor } from './wait-for.ts';
