export { type AccessRouteDependencies, registerAccessRoutes } from './access/access.routes.ts';
export { type AuthenticateHook, createAuthenticate, principalOf, requirePermission } from './access/authenticate.ts';
export { type AgentApiDependencies, registerCustomerRoutes } from './customer.routes.ts';
