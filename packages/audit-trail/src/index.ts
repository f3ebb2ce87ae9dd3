export { type AuditAction, type AuditActor, actionOf } from './action-of.ts';
export { auditTrailMigrations } from './audit-trail.migrations.ts';
export { AUDIT_TRAIL_PROJECTION, applyAuditEvent, auditTrailProjection } from './audit-trail.projection.ts';
export {
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type AuditQuery,
  listAuditTrail,
} from './audit-trail.queries.ts';
export { auditTrailSchema } from './audit-trail.schema.ts';
