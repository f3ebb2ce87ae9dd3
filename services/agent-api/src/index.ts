export { type AccessRouteDependencies, registerAccessRoutes } from './access/access.routes.ts';
export { type AuthenticateHook, createAuthenticate, principalOf, requirePermission } from './access/authenticate.ts';
export { type AdminReplayApiDependencies, registerAdminReplayRoutes } from './admin-replay.routes.ts';
export { type AnalyticsApiDependencies, registerAnalyticsRoutes } from './analytics.routes.ts';
export { type AnalyticsValueDependencies, registerAnalyticsValueRoutes } from './analytics-value.routes.ts';
export { type AuditApiDependencies, registerAuditRoutes } from './audit.routes.ts';
export type { AgentName } from './canned-context.ts';
export { type CannedResponseApiDependencies, registerCannedResponseRoutes } from './canned-response.routes.ts';
export { type CaseApiDependencies, registerCaseRoutes } from './case.routes.ts';
export { type ConversationApiDependencies, registerConversationRoutes } from './conversation.routes.ts';
export { type CsatApiDependencies, registerCsatRoutes } from './csat.routes.ts';
export {
  CSAT_ACTOR,
  CSAT_MAX_RESOLUTION_AGE_MS,
  CSAT_REQUESTS,
  type CsatRequestDependencies,
  csatRequests,
  csatRequestText,
} from './csat-requests.ts';
export { signCsatToken, verifyCsatToken } from './csat-token.ts';
export { type AgentApiDependencies, registerCustomerRoutes } from './customer.routes.ts';
export { registerCustomerProfileRoute } from './customer-profile.routes.ts';
export {
  type IdentityRepairDependencies,
  type IdentityRepairResult,
  repairCustomerIdentities,
} from './identity-repair.ts';
export { type MessageSearchApiDependencies, registerMessageSearchRoutes } from './message-search.routes.ts';
export { type OrderApiDependencies, registerOrderRoutes } from './order.routes.ts';
export { type ProductApiDependencies, registerProductRoutes } from './product.routes.ts';
export { type ReplyApiDependencies, registerReplyRoutes, replyAttachmentTypes } from './reply.routes.ts';
export { type RoutingApiDependencies, registerRoutingRoutes } from './routing.routes.ts';
export { registerServiceLevelRoutes, type ServiceLevelApiDependencies } from './service-level.routes.ts';
export { registerSubjectAccessRoute } from './subject-access.routes.ts';
export { type SubjectAccessDependencies, subjectAccessExport } from './subject-access.ts';
export { type DeclaredWebForm, registerWebFormRoutes, type WebFormApiDependencies } from './web-form.routes.ts';
