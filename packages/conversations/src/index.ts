export type {
  AddLabel,
  AddNote,
  Assign,
  AttachInbound,
  AttachOutbound,
  ChangeStatus,
  ConversationCommand,
  ConversationEvent,
  ConversationMessage,
  RecordCsat,
  RemoveLabel,
  RequestCsat,
  SetPriority,
  Snooze,
  WakeUp,
} from './conversation.commands.ts';
export { conversationDecider } from './conversation.decider.ts';
export {
  type ConversationState,
  type CsatState,
  evolveConversation,
  initialConversationState,
  type OpenedConversation,
} from './conversation.state.ts';
export { parseMentions } from './mentions.ts';
export { normaliseSubject } from './subject.ts';
export {
  type ClassifiedThreadKeys,
  classifyThreadKeys,
  type ThreadedInteraction,
  threadKey,
  threadKeysOf,
} from './thread-keys.ts';
export {
  type CandidateConversation,
  type ConversationMatch,
  DEFAULT_CALL_WINDOW_MS,
  type MatchInput,
  matchConversation,
} from './thread-matching.ts';
