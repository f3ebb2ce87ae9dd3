export { type AccessRouteDependencies, registerAccessRoutes } from './access/access.routes.ts';
export { type AuthenticateHook, createAuthenticate, principalOf, requirePermission } from './access/authenticate.ts';
export { type AuditApiDependencies, registerAuditRoutes } from './audit.routes.ts';
export { type CaseApiDependencies, registerCaseRoutes } from './case.routes.ts';
export { type ConversationApiDependencies, registerConversationRoutes } from './conversation.routes.ts';
export { type AgentApiDependencies, registerCustomerRoutes } from './customer.routes.ts';
export { registerCustomerProfileRoute } from './customer-profile.routes.ts';
