import { z } from 'zod';

// The parts of the Telegram Bot API `Update` (https://core.telegram.org/bots/api#update) the hub
// records. Unknown fields are dropped, not refused: Telegram adds fields in every Bot API release.

const TelegramId = z.number().int();

const TelegramUser = z.object({
  id: TelegramId,
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const TelegramChat = z.object({
  id: TelegramId,
  type: z.string(),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
});

const TelegramFile = z.object({
  file_id: z.string(),
  file_unique_id: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});

const TelegramContact = z.object({
  phone_number: z.string(),
  first_name: z.string(),
  last_name: z.string().optional(),
  user_id: TelegramId.optional(),
});

export const TelegramMessage = z.object({
  message_id: z.number().int(),
  /** Absent in channels; in groups a fake user when sent on behalf of a chat (see sender_chat). */
  from: TelegramUser.optional(),
  sender_chat: TelegramChat.optional(),
  chat: TelegramChat,
  date: z.number().int(),
  edit_date: z.number().int().optional(),
  message_thread_id: z.number().int().optional(),
  reply_to_message: z.object({ message_id: z.number().int() }).optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  contact: TelegramContact.optional(),
  /** The same photo in several sizes, smallest first. */
  photo: z.array(TelegramFile.extend({ width: z.number().int(), height: z.number().int() })).optional(),
  document: TelegramFile.optional(),
  audio: TelegramFile.optional(),
  voice: TelegramFile.optional(),
  video: TelegramFile.optional(),
  sticker: TelegramFile.extend({ emoji: z.string().optional() }).optional(),
});
export type TelegramMessage = z.infer<typeof TelegramMessage>;

export const TelegramUpdate = z.object({
  update_id: z.number().int(),
  message: TelegramMessage.optional(),
  edited_message: TelegramMessage.optional(),
  channel_post: TelegramMessage.optional(),
  edited_channel_post: TelegramMessage.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;
