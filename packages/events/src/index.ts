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
  ReplySent,
  replyChannels,
} from './domain/reply.events.ts';
export { Channel, CustomerIdentifier, channels, DecidedBy } from './domain/values.ts';
export {
  comparePositions,
  type EventToAppend,
  formatPosition,
  type GlobalPosition,
  parsePosition,
  type RecordedEvent,
  startOfAll,
} from './envelope.ts';
export { customerStream, replyStream } from './streams.ts';
