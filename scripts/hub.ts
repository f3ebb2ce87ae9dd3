// `pnpm hub <command>`: replay (rebuild) projections, replay the history to Kafka, export events and
// read models. Reads the hub's configuration from the environment (as the hub does). On the
// embedded PGlite (no DATABASE_URL) stop the hub first: one process per data folder. On PostgreSQL
// the hub keeps serving meanwhile. Progress on stderr; exports to --out or stdout.
import { parseArgs } from 'node:util';
import { isHubError } from '../packages/errors/src/index.ts';
import { createLogger } from '../packages/logger/src/index.ts';
import {
  type ExportFormat,
  formatDuration,
  type HistoryFilter,
  parseShard,
} from '../packages/projections/src/index.ts';
import { exportHistory, exportReadModel } from '../services/hub/src/export-history.ts';
import { type OpenedHub, openHubForCommand } from '../services/hub/src/hub-command.ts';
import { hubProjections } from '../services/hub/src/rebuild-projection.ts';
import { hubReplays } from '../services/hub/src/replay-hub.ts';
import { createProgressOutput } from '../services/hub/src/replay-progress-output.ts';
import { localShardWorkers } from '../services/hub/src/replay-shard-workers.ts';
import { replayToKafka } from '../services/hub/src/replay-to-kafka.ts';
import { loadConfigOrExit } from './cli-config.ts';

const known = () => [...hubProjections.keys()].join(', ');
const usage = `usage: pnpm hub <command>
  replay <projection> | --all [--from <ISO date>] [--shards <N> [--external]]
      rebuild in shadow tables while the live one serves, swap once caught up
  replay-shard <replay id> --shard <n/N>      one worker of a sharded replay (--shards N --external)
  replay-to-kafka --topic <t> [--from] [--to] [--type <type>]... [--stream-prefix <p>]
      [--partitions <n>] [--brokers <host:port,...>] [--open-personal-data]
  export events --format ndjson|csv [--from] [--to] [--type <type>]... [--stream-prefix <p>]
      [--out <file>] [--open-personal-data]
  export read-model <projection> [--table <t>] --format ndjson|csv [--out <file>]
projections: ${known()}
--open-personal-data writes names, addresses and texts in clear into the output: whoever reads it
then holds them, outside the hub's erasure. Erased customers' data stays redacted either way.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    help: { type: 'boolean', short: 'h' },
    all: { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    shards: { type: 'string' },
    shard: { type: 'string' },
    external: { type: 'boolean' },
    topic: { type: 'string' },
    type: { type: 'string', multiple: true },
    'stream-prefix': { type: 'string' },
    partitions: { type: 'string' },
    brokers: { type: 'string' },
    'open-personal-data': { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    table: { type: 'string' },
    quiet: { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
});

/** A refusal of the command line: the reason and the usage, exit status 2. */
class UsageError extends Error {}
const refuse = (reason: string): never => {
  throw new UsageError(reason);
};

const dateOption = (name: 'from' | 'to'): Date | undefined => {
  const text = values[name];
  if (text === undefined) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? refuse(`--${name} ${JSON.stringify(text)} is not an ISO 8601 date`) : date;
};
const formatOption = (): ExportFormat =>
  values.format === 'ndjson' || values.format === 'csv' ? values.format : refuse('--format ndjson or --format csv');
const projectionNamed = (name: string | undefined) => {
  const projection = name ? hubProjections.get(name) : undefined;
  return projection ?? refuse(`no projection named ${JSON.stringify(name ?? '')}; known: ${known()}`);
};
const historyFilter = (): HistoryFilter => {
  const from = dateOption('from');
  const to = dateOption('to');
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(values.type ? { types: values.type } : {}),
    ...(values['stream-prefix'] ? { streamPrefix: values['stream-prefix'] } : {}),
  };
};

async function main(): Promise<void> {
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfigOrExit();
  // Logs go to stderr: stdout may be an export. Progress says what a person needs; --verbose adds the logs.
  const logger = createLogger({
    service: 'hub-cli',
    level: values.verbose ? config.logLevel : 'warn',
    destination: process.stderr,
  });
  const hub = await openHubForCommand(config, logger);
  try {
    switch (command) {
      case 'replay':
      case 'rebuild':
        return await replay(hub, rest);
      case 'replay-shard':
        return await replayShardWorker(hub, rest);
      case 'replay-to-kafka': {
        const brokers = values.brokers?.split(',') ?? config.kafkaBrokers ?? refuse('--brokers, or KAFKA_BROKERS');
        const topic = values.topic ?? refuse('--topic <name>');
        const progress = createProgressOutput(process.stderr, `kafka ${topic}`);
        const { published } = await replayToKafka(
          values['open-personal-data'] ? hub.store : hub.rawStore,
          {
            brokers,
            topic,
            filter: historyFilter(),
            ...(values.partitions ? { partitions: Number(values.partitions) } : {}),
            onProgress: (n) => progress.update(n),
          },
          logger,
        );
        return progress.finish(`${published} events published`);
      }
      case 'export': {
        const [what, name] = rest;
        const format = formatOption();
        const out = values.out ?? process.stdout;
        if (what === 'events')
          return await exportHistory(values['open-personal-data'] ? hub.store : hub.rawStore, {
            filter: historyFilter(),
            format,
            out,
          });
        if (what === 'read-model')
          return await exportReadModel(hub.database, projectionNamed(name), {
            format,
            out,
            ...(values.table ? { table: values.table } : {}),
          });
        return refuse('export events | export read-model <projection>');
      }
      default:
        return refuse(`unknown command ${JSON.stringify(command)}`);
    }
  } finally {
    await hub.close();
  }
}

async function replay(hub: OpenedHub, names: string[]) {
  if (values.all === names.length > 0) refuse('name one projection, or --all');
  const chosen = values.all ? [...hubProjections.keys()] : names.map((name) => projectionNamed(name).name);
  const from = dateOption('from');
  const shards = values.shards === undefined ? undefined : Number(values.shards);
  if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1 && shards <= 64))
    refuse('--shards takes a whole number from 1 to 64');
  const replays = hubReplays(hub, { progressIntervalMs: 60_000 });
  for (const name of chosen) {
    const progress = createProgressOutput(process.stderr, name);
    const launcher =
      shards === undefined
        ? undefined
        : values.external
          ? {
              count: shards,
              launch: ({ replayId }: { replayId: string }) =>
                void process.stderr.write(
                  `${name}: waiting for ${shards} workers; on each machine run\n` +
                    Array.from(
                      { length: shards },
                      (_, i) => `  pnpm hub replay-shard ${replayId} --shard ${i + 1}/${shards}\n`,
                    ).join(''),
                ),
            }
          : localShardWorkers(shards);
    const result = await replays.run(
      { projection: name, ...(from ? { from } : {}), ...(launcher ? { shards: launcher } : {}) },
      (p) => progress.update(p.events, p.total),
    );
    progress.finish(
      `${result.events} events (${result.applied} applied${launcher ? ` here, the others by the ${shards} shard workers` : ''}) in ${formatDuration(result.durationMs / 1000)}, ` +
        `${result.eventsPerSecond} events/s, swapped in at ${result.checkpoint ?? 'the start'} (replay ${result.id})`,
    );
  }
}

async function replayShardWorker(hub: OpenedHub, [replayId]: string[]) {
  if (!replayId) refuse('replay-shard <replay id> --shard n/N');
  const shard = parseShard(values.shard ?? refuse('--shard n/N'));
  const label = `shard ${shard.index + 1}/${shard.count}`;
  const progress = values.quiet ? undefined : createProgressOutput(process.stderr, label);
  const result = await hubReplays(hub).runShard(replayId as string, shard, (n) => progress?.update(n));
  progress?.finish(`${result.events} events read, ${result.applied} applied`);
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
  } else {
    console.error(
      isHubError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : error,
    );
    process.exitCode = 1;
  }
}
