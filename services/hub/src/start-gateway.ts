import {
  createImapPoller,
  type IngestDependencies,
  registerIngestRoutes,
  registerParseFailureRoutes,
  sqlImapCheckpoints,
  startSmtpListener,
} from '@hub/ingest-gateway';
import type { RawPayloadStore } from '@hub/raw-payloads';
import type { SqlDatabase } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import type { HubConfig } from './config.ts';
import { parseImapUrl } from './imap-settings.ts';

/** Every entry point of the ingest gateway: HTTP channels, parse failures, SMTP, the IMAP poller. */
export async function startGateway(
  app: FastifyInstance,
  deps: { config: HubConfig; ingest: IngestDependencies; rawPayloads: RawPayloadStore; database: SqlDatabase },
): Promise<{ stop(): Promise<void> }> {
  const { config, ingest } = deps;
  await app.register(async (scope) => registerIngestRoutes(scope, ingest));
  await app.register(async (scope) => registerParseFailureRoutes(scope, { ...ingest, rawPayloads: deps.rawPayloads }));
  const smtp = config.smtpPort
    ? await startSmtpListener({ port: config.smtpPort, host: config.smtpHost, deps: ingest })
    : undefined;
  let imap: ReturnType<typeof createImapPoller> | undefined;
  if (config.imapUrl) {
    const { connection, folders } = parseImapUrl(config.imapUrl);
    imap = createImapPoller({ connection, folders, checkpoints: sqlImapCheckpoints(deps.database), deps: ingest });
    imap.start(config.imapPollSeconds * 1000);
  }
  return {
    async stop() {
      await imap?.stop();
      await smtp?.stop();
    },
  };
}
