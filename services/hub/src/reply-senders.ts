import type { AttachmentStore } from '@hub/interactions';
import {
  createCommentReplySender,
  createEmailSender,
  createMessengerSender,
  createTelegramSender,
  createWidgetSender,
  phoneCallLog,
  type ReplySenders,
  type WidgetPush,
} from '@hub/replies';
import type { SqlDatabase } from '@hub/sql';
import type { ReplyConfig } from './config.ts';

/** The channels this deployment can reply on: each one whose provider settings are given. */
export function replySenders(
  config: ReplyConfig,
  database: SqlDatabase,
  attachments: AttachmentStore,
  widgetSockets?: WidgetPush,
): ReplySenders {
  const meta = config.metaPageToken ? { graphUrl: config.metaGraphUrl, pageToken: config.metaPageToken } : undefined;
  return {
    phone: phoneCallLog,
    // Pushed to an open socket of this process, or held until the visitor's widget reconnects.
    widget: createWidgetSender(database, widgetSockets),
    ...(config.smtpRelayUrl && config.from
      ? { email: createEmailSender({ relayUrl: config.smtpRelayUrl, from: config.from, attachments }) }
      : {}),
    ...(config.telegramBotToken
      ? { telegram: createTelegramSender({ apiUrl: config.telegramApiUrl, botToken: config.telegramBotToken }) }
      : {}),
    ...(meta
      ? {
          messenger: createMessengerSender(meta),
          page_comment: createCommentReplySender(meta, 'page'),
          instagram_comment: createCommentReplySender(meta, 'instagram'),
        }
      : {}),
  };
}
