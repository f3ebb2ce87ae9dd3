export { type AgentApiDependencies, registerCustomerRoutes } from './customer.routes.ts';
