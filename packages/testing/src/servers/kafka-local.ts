import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Logger, silentLogger } from '@hub/logger';
import { installCommand } from '../provision/debian-packages.ts';
import { findFreePort } from './free-port.ts';
import { ensureKafkaLibs, kafkaInfraDir } from './kafka-libs.ts';
import { waitForKafkaReady } from './kafka-readiness.ts';
import { readLogTail, spawnOwned } from './owned-process.ts';
import { createWorkDir } from './work-dir.ts';

export interface LocalKafkaOptions {
  /** The client port; a free one when omitted. */
  readonly port?: number;
  /** Keeps the broker's data here across runs (formatted once); a removed temp folder when omitted. */
  readonly dataDir?: string;
  readonly logger?: Logger;
  readonly startTimeoutMs?: number;
}

export interface LocalKafka {
  readonly brokers: string[];
  readonly logFile: string;
  stop(): Promise<void>;
}

function serverProperties(logDir: string, port: number, controllerPort: number): string {
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    // A static voter set, not `--standalone`: the controller port may differ on every start.
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logDir}`,
    // One broker: every internal topic must be satisfied by one replica, or groups never form.
    'offsets.topic.replication.factor=1',
    // One coordinator partition instead of 50: a fresh broker creates and loads it in well under
    // a second, and a single broker gains nothing from spreading groups.
    'offsets.topic.num.partitions=1',
    'transaction.state.log.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
  ].join('\n')}\n`;
}

function formatError(error: Error & { code?: unknown }): Error {
  if (error.code === 'ENOENT')
    return new Error(
      `java is not on the PATH: the local Kafka broker needs Java 17 or newer (run \`${installCommand(['openjdk-17-jre-headless'], process.getuid?.())}\`)`,
    );
  // The message holds the command and everything it printed.
  return new Error(`formatting the Kafka log dir failed: ${error.message}`);
}

function runJava(args: readonly string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('java', [...args], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      void appendFile(logFile, `${stdout}${stderr}`).finally(() => (error ? reject(formatError(error)) : resolve()));
    });
  });
}

/** Kafka's own rule: a random 16-byte id in URL-safe base64 that never looks like a CLI flag. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** A single-node KRaft broker from the Maven jars in infra/kafka/pom.xml, run by this machine's `java`. */
export async function startLocalKafka(options: LocalKafkaOptions = {}): Promise<LocalKafka> {
  const logger = options.logger ?? silentLogger();
  const { version, libsDir } = await ensureKafkaLibs(logger);
  const workDir = options.dataDir ?? (await createWorkDir('hub-kafka-'));
  const logDir = join(workDir, 'kraft');
  await mkdir(logDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const controllerPort = await findFreePort();
  const propertiesFile = join(workDir, 'server.properties');
  const logFile = join(workDir, 'broker.log');
  await writeFile(propertiesFile, serverProperties(logDir, port, controllerPort));

  const jvm = ['-cp', join(libsDir, '*'), `-Dlog4j2.configurationFile=${join(kafkaInfraDir, 'log4j2.properties')}`];
  // A kept data dir is formatted once; its cluster id lives in meta.properties from then on.
  if (!existsSync(join(logDir, 'meta.properties'))) {
    const format = ['kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', propertiesFile];
    await runJava([...jvm, ...format], logFile).catch(async (error: unknown) => {
      if (!options.dataDir) await rm(workDir, { recursive: true, force: true });
      throw error;
    });
  }

  const started = Date.now();
  const broker = spawnOwned({
    command: 'java',
    args: ['-Xms128m', '-Xmx512m', '-Djava.awt.headless=true', ...jvm, 'kafka.Kafka', propertiesFile],
    logFile,
    stopSignal: 'SIGTERM',
    orphanSignal: 'SIGKILL',
    ...(options.dataDir ? {} : { removeOnExit: workDir }),
  });
  const brokers = [`127.0.0.1:${port}`];
  const stop = async () => {
    await broker.stop();
    if (!options.dataDir) await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const brokerGone = new AbortController();
  void broker.exited.then((how) => brokerGone.abort(`the broker process ${how}`));
  try {
    await waitForKafkaReady(brokers, {
      timeoutMs: options.startTimeoutMs ?? 90_000,
      what: `Kafka ${version} on ${brokers[0]}`,
      signal: brokerGone.signal,
    });
  } catch (error) {
    const tail = readLogTail(logFile);
    await stop();
    throw new Error(`${(error as Error).message}\n--- last lines of ${logFile} ---\n${tail}`, { cause: error });
  }
  logger.info({ brokers, version, ms: Date.now() - started }, 'local Kafka broker started');
  return { brokers, logFile, stop };
}
