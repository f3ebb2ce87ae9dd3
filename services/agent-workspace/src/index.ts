export { configuredInboxes } from './configured-inbox.ts';
export { CONVERSATION_LINKER, conversationLinker, type LinkerDependencies } from './conversation-linker.ts';
export {
  CONVERSATION_ROUTER,
  conversationRouter,
  type RouterDependencies,
  routerActor,
} from './conversation-router.ts';
export {
  PRESENCE_SWEEPER_ACTOR,
  type PresenceSweeper,
  type PresenceSweeperDependencies,
  startPresenceSweeper,
} from './presence-sweeper.ts';
export {
  SLA_CHECKER_ACTOR,
  type SlaBreachRecorder,
  type SlaBreachRecorderDependencies,
  startSlaBreachRecorder,
} from './sla-breach-recorder.ts';
export { workspaceMigrations } from './workspace.migrations.ts';
