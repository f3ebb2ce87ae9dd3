// Telegram Bot API payloads in the shapes of its documentation (Update, Message, User, Chat), with
// Persian names: for the mapper's tests, the gateway's route tests and demos alike.

export const telegramSender = {
  id: 111111111,
  is_bot: false,
  first_name: 'سارا',
  last_name: 'رضایی',
  username: 'sara_r',
  language_code: 'fa',
};

export const telegramPrivateChat = {
  id: 111111111,
  type: 'private',
  first_name: 'سارا',
  last_name: 'رضایی',
  username: 'sara_r',
};

/** Message 1365 from Sara in her private chat; `fields` add or replace (text, contact, photo, ...). */
export const telegramMessage = (fields: Record<string, unknown> = {}) => ({
  message_id: 1365,
  from: telegramSender,
  chat: telegramPrivateChat,
  date: 1763888400,
  ...fields,
});

/** An Update carrying that message as `message` (or `edited_message`, ...). */
export const telegramUpdate = (updateId: number, fields: Record<string, unknown> = {}, kind = 'message') => ({
  update_id: updateId,
  [kind]: telegramMessage(fields),
});
