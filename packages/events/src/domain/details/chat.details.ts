import { z } from 'zod';

export const ChatDetails = z.object({
  channel: z.literal('chat'),
  platform: z.enum(['widget', 'telegram']),
  chatId: z.string(),
  messageId: z.string(),
});
