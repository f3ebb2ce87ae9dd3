export { type AccessRouteDependencies, registerAccessRoutes } from './access/access.routes.ts';
export { type AuthenticateHook, createAuthenticate, principalOf, requirePermission } from './access/authenticate.ts';
export { type ConversationApiDependencies, registerConversationRoutes } from './conversation.routes.ts';
export { type AgentApiDependencies, registerCustomerRoutes } from './customer.routes.ts';
export { type RoutingApiDependencies, registerRoutingRoutes } from './routing.routes.ts';
