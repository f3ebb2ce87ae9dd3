export {
  type InboxCommand,
  type InboxEvent,
  type InboxState,
  inboxDecider,
  normaliseEndpoint,
} from './inbox.decider.ts';
export { chooseInbox, endpointsOf, type InboxRoute } from './inbox-matching.ts';
export { type PresenceEvent, presenceDecider, type SetPresence } from './presence.decider.ts';
export {
  type AgentLoad,
  type PlannedAssignment,
  type Priority,
  planAssignments,
  queueOrder,
  type RoutingSituation,
  type TeamRoster,
  type WaitingConversation,
} from './round-robin.ts';
export { type TeamCommand, type TeamEvent, type TeamState, teamDecider } from './team.decider.ts';
