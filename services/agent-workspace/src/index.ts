export { configuredInboxOf } from './configured-inbox.ts';
export { CONVERSATION_LINKER, conversationLinker, type LinkerDependencies } from './conversation-linker.ts';
export {
  CONVERSATION_ROUTER,
  conversationRouter,
  type RouterDependencies,
  routerActor,
} from './conversation-router.ts';
export { workspaceMigrations } from './workspace.migrations.ts';
