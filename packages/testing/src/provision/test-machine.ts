import type { MachineRequirement } from './debian-packages.ts';
import { requirements } from './machine-requirements.ts';

export interface TestMachineSituation {
  readonly env: NodeJS.ProcessEnv;
  /** A Docker engine answers: PostgreSQL and Kafka come as containers, no local binaries needed. */
  readonly docker: boolean;
  /** A PostgreSQL server already answers on 127.0.0.1:5432. */
  readonly postgresAnswers: boolean;
}

/**
 * What the integration and browser tests need installed on this machine, given what is already
 * configured or running: a server named by the environment needs nothing local.
 */
export function testMachineRequirements({ env, docker, postgresAnswers }: TestMachineSituation): MachineRequirement[] {
  const needed: MachineRequirement[] = [requirements.chromium];
  if (!env.IMAP_URL) needed.push(requirements.dovecot);
  if (!env.KAFKA_BROKERS && !docker) needed.push(requirements.java, requirements.maven);
  if (!env.DATABASE_URL && !docker && !postgresAnswers) needed.push(requirements.postgresql);
  return needed;
}
