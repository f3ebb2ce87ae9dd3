export { type AccessRouteDependencies, registerAccessRoutes } from './access/access.routes.ts';
export { type AuthenticateHook, createAuthenticate, principalOf, requirePermission } from './access/authenticate.ts';
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
export { registerServiceLevelRoutes, type ServiceLevelApiDependencies } from './service-level.routes.ts';
