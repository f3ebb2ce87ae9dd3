// `pnpm postgres ensure`: prints an admin URL of a PostgreSQL server that answers. It prefers a
// server that already runs (DATABASE_URL, then 127.0.0.1:5432); only when there is none does it
// start one (a container, or the machine's Debian binaries) and then stays in the foreground until
// Ctrl-C. The URL alone goes to stdout, so `DATABASE_URL=$(pnpm -s postgres ensure)` works.
import { createLogger } from '../packages/logger/src/index.ts';
import { isPostgresReachable, providePostgres } from '../packages/testing/src/index.ts';

const machineServerUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

if (process.argv[2] !== 'ensure') {
  console.error('usage: tsx scripts/postgres.ts ensure');
  process.exit(2);
}

const configured = process.env.DATABASE_URL;
if (configured) {
  if (!(await isPostgresReachable(configured, 5_000))) {
    console.error('DATABASE_URL is set but no server answers there');
    process.exit(1);
  }
  console.log(configured);
  process.exit(0);
}
if (await isPostgresReachable(machineServerUrl)) {
  console.log(machineServerUrl);
  process.exit(0);
}

const server = await providePostgres({
  logger: createLogger({ service: 'postgres-cli', destination: process.stderr }),
});
console.log(server.url);
console.error(`PostgreSQL (${server.source}) runs until Ctrl-C.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
