export { registerIngestRoutes } from './gateway.ts';
export { imapCheckpointMigrations, sqlImapCheckpoints } from './imap/imap-checkpoint.store.ts';
export { createImapPoller, type ImapPoller } from './imap/imap-poller.ts';
export type { IngestDependencies } from './ingest-dependencies.ts';
export { defaultIngestSettings, type IngestSettings, type WebFormDefinition } from './ingest-settings.ts';
export { createLogIntake } from './intake/log-intake.ts';
export { registerParseFailureRoutes } from './parse-failures/parse-failures.routes.ts';
export { type SmtpListener, startSmtpListener } from './smtp/smtp-listener.ts';
export { loadWebForms } from './webform/load-webforms.ts';
export { signWidgetIdentity } from './widget/widget-identity.ts';
export {
  createWidgetConnections,
  type WidgetConnections,
  type WidgetReplies,
  type WidgetReply,
} from './widget/widget-replies.ts';
