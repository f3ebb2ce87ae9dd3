import { accessMigrations } from '@hub/access';
import { workspaceMigrations } from '@hub/agent-workspace';
import { analyticsMigrations } from '@hub/analytics';
import { auditTrailMigrations } from '@hub/audit-trail';
import { deadLetterMigrations } from '@hub/bus';
import { casesMigrations } from '@hub/cases';
import { commerceMigrations } from '@hub/commerce';
import { eventStoreMigrations } from '@hub/event-store-postgres';
import { identityIndexMigrations } from '@hub/identity-index';
import { inboxMigrations } from '@hub/inbox';
import { imapCheckpointMigrations } from '@hub/ingest-gateway';
import { messageSearchMigrations } from '@hub/message-search';
import { keyStoreMigrations } from '@hub/personal-data';
import { projectionMigrations, replayMigrations } from '@hub/projections';
import { rawPayloadMigrations } from '@hub/raw-payloads';
import { replyMigrations } from '@hub/replies';
import { routingMigrations } from '@hub/routing-read-model';
import type { Migration } from '@hub/sql';
import { timelineMigrations } from '@hub/timeline';

/**
 * Every table of the hub, whatever roles a process runs: processes of different roles share one
 * database, and one list means each start brings the whole schema to the same version. The event
 * store's tables are made even when the events live in EventStoreDB; they stay empty then.
 */
export const hubMigrations: readonly Migration[] = [
  ...eventStoreMigrations,
  ...keyStoreMigrations,
  ...identityIndexMigrations,
  ...rawPayloadMigrations,
  ...deadLetterMigrations,
  ...projectionMigrations,
  ...replayMigrations,
  ...timelineMigrations,
  ...inboxMigrations,
  ...casesMigrations,
  ...workspaceMigrations,
  ...imapCheckpointMigrations,
  ...accessMigrations,
  ...replyMigrations,
  ...auditTrailMigrations,
  ...routingMigrations,
  ...messageSearchMigrations,
  ...commerceMigrations,
  ...analyticsMigrations,
];
