export { CONVERSATION_LINKER, conversationLinker, type LinkerDependencies } from './conversation-linker.ts';
export { workspaceMigrations } from './workspace.migrations.ts';
