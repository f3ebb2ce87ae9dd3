import type { Migration } from '@hub/sql';
import { auditTrailSchema } from './audit-trail.schema.ts';

/** The audit trail's read model; the composition root runs it with `runMigrations`. */
export const auditTrailMigrations: readonly Migration[] = [
  { id: 'audit-trail/0001-audit-trail', sql: auditTrailSchema },
];
