export {
  CannedResponseChanged,
  CannedResponseCreated,
  CannedResponseDeleted,
} from './domain/canned-response.events.ts';
export {
  CaseConversationLinked,
  CaseConversationUnlinked,
  CaseKind,
  CaseNoteAdded,
  CaseNumber,
  CaseNumberAllocated,
  CaseOpened,
  CaseOwnerAssigned,
  CaseStatus,
  CaseStatusChanged,
  caseKinds,
  caseStatuses,
} from './domain/case.events.ts';
export {
  Amount,
  CommerceId,
  Currency,
  OrderLine,
  OrderLinesReturned,
  OrderPlaced,
  OrderRefunded,
  ProductChanged,
  ProductDefined,
  ReturnedLine,
} from './domain/commerce.events.ts';

export {
  ConversationAssigned,
  ConversationLabelAdded,
  ConversationLabelRemoved,
  ConversationMessageAdded,
  ConversationNoteAdded,
  ConversationOpened,
  ConversationPriority,
  ConversationPriorityChanged,
  ConversationReopened,
  ConversationStatus,
  ConversationStatusChanged,
  CsatRecorded,
  CsatRequested,
  conversationPriorities,
  conversationStatuses,
} from './domain/conversation.events.ts';
export {
  CustomerErased,
  CustomerIdentifierLinked,
  CustomerIdentifierUnlinked,
  CustomerRegistered,
  CustomersMerged,
  CustomersUnmerged,
  MergeCandidateDetected,
  MergeEvidence,
} from './domain/customer.events.ts';
export { type CustomerEvent, customerEventTypes, isCustomerEvent } from './domain/customer-stream.ts';
export { Attachment } from './domain/details/attachment.ts';
export {
  type DomainEvent,
  type DomainEventOf,
  type DomainEventType,
  eventCatalogue,
  isDomainEventType,
} from './domain/event-catalogue.ts';
export { decodeEvent, type EventContext, encodeEvent } from './domain/event-codec.ts';
export { ErasedDetails, InteractionDetails, InteractionRecorded } from './domain/interaction.events.ts';
export {
  ReplyChannel,
  ReplyDeliveryAttempted,
  ReplyDeliveryFailed,
  ReplyRequested,
  ReplyRetryRequested,
  ReplySent,
  replyChannels,
} from './domain/reply.events.ts';
export {
  AgentPresenceChanged,
  InboxCreated,
  InboxTeamChanged,
  Presence,
  TeamCapChanged,
  TeamCreated,
  TeamMemberAdded,
  TeamMemberRemoved,
} from './domain/routing.events.ts';
export { BusinessCalendarSaved, SlaBreached, SlaPolicySaved, SlaTarget, slaTargets } from './domain/sla.events.ts';
export {
  UserCreated,
  UserDeactivated,
  UserPasswordChanged,
  UserReactivated,
  UserRole,
  UserRoleChanged,
  userRoles,
} from './domain/user.events.ts';
export { Actor, Channel, CustomerIdentifier, channels, DecidedBy } from './domain/values.ts';
export {
  comparePositions,
  type EventToAppend,
  formatPosition,
  type GlobalPosition,
  parsePosition,
  type RecordedEvent,
  startOfAll,
} from './envelope.ts';
export {
  agentPresenceStream,
  COMMERCE_STREAM_PREFIX,
  cannedResponsesStream,
  caseNumberingStream,
  caseStream,
  conversationStream,
  customerStream,
  inboxStream,
  orderStream,
  productStream,
  replyStream,
  SERVICE_LEVEL_SETTINGS_STREAM,
  teamStream,
  userStream,
} from './streams.ts';
