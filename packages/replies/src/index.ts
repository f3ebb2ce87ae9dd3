export {
  type CannedContext,
  cannedPlaceholders,
  type RenderedCanned,
  renderCanned,
  unknownPlaceholders,
} from './canned-response.ts';
export {
  type CannedResponse,
  type CannedResponsesCommand,
  type CannedResponsesEvent,
  type CannedResponsesState,
  cannedResponsesDecider,
} from './canned-responses.decider.ts';
export { changeCannedResponses, listCannedResponses } from './canned-responses.ts';
export {
  DeliveryError,
  outcomeUnknown,
  type ReplySender,
  type ReplySenders,
  type SentReceipt,
} from './delivery-error.ts';
export {
  type DeliveryLogger,
  type ReplyDelivery,
  type ReplyDeliverySettings,
  startReplyDelivery,
} from './delivery-worker.ts';
export { createEmailSender, type EmailSettings, replyIdOfMessageId, replyMessageId } from './email-sender.ts';
export { createCommentReplySender, createMessengerSender, type MetaSettings } from './meta-sender.ts';
export { phoneCallLog } from './phone-sender.ts';
export { replyMigrations } from './replies.migrations.ts';
export {
  type Backoff,
  defaultBackoff,
  type ReplyCommand,
  type ReplyEvent,
  type ReplyRequest,
  type ReplyState,
  type ReplyStatus,
  replyDecider,
  retryDelayMs,
} from './reply.decider.ts';
export { confirmReplySent, requestReply, retryReply } from './request-reply.ts';
export { createTelegramSender, type TelegramSettings } from './telegram-sender.ts';
export {
  createWidgetSender,
  type HeldWidgetMessage,
  releaseHeldWidgetMessages,
  type WidgetPush,
} from './widget-sender.ts';
