export {
  mapTelegramUpdate,
  type TelegramMappingOptions,
  telegramExternalId,
} from './telegram-update.mapper.ts';
export { TelegramMessage, TelegramUpdate } from './telegram-update.schema.ts';
export {
  mapWidgetIdentify,
  mapWidgetMessage,
  type WidgetIdentityClaim,
  type WidgetVisitor,
  widgetExternalId,
} from './widget-message.mapper.ts';
