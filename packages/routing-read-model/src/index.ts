export { routingMigrations } from './routing.migrations.ts';
export {
  applyRoutingPage,
  isRoutingStream,
  ROUTING_PROJECTION,
  routingProjection,
} from './routing.projection.ts';
export {
  type AgentPresenceView,
  type AgentWorkload,
  agentsPresent,
  agentWorkload,
  type InboxView,
  inboxRoutes,
  listInboxes,
  listPresence,
  listTeams,
  routingSituation,
  type TeamView,
} from './routing.queries.ts';
