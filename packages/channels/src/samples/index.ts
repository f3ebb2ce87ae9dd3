// Provider payloads in their documented shapes, for tests of every layer (`@hub/channels/samples`).
export {
  META_INSTAGRAM_ACCOUNT_ID,
  META_PAGE_ID,
  metaFeedComment,
  metaInstagramComment,
  metaInstagramWebhook,
  metaMessagingWebhook,
  metaMessengerMessage,
  metaPageWebhook,
} from './meta.samples.ts';
export { telegramMessage, telegramPrivateChat, telegramSender, telegramUpdate } from './telegram.samples.ts';
