import { DeliveryError, type ReplySender, transportFailure } from './delivery-error.ts';

export interface TelegramSettings {
  /** TELEGRAM_API_URL, default https://api.telegram.org */
  readonly apiUrl: string;
  /** TELEGRAM_BOT_TOKEN */
  readonly botToken: string;
}

interface TelegramAnswer {
  readonly ok: boolean;
  readonly result?: { readonly message_id?: number };
  readonly error_code?: number;
  readonly description?: string;
  readonly parameters?: { readonly retry_after?: number };
}

/**
 * Telegram Bot API `sendMessage`. Telegram has no idempotency key: the worker's attempt record is
 * what keeps a reply from going out twice. 429 (flood control) and 5xx are transient; other
 * refusals (403 bot blocked by the user, 400 chat not found) are permanent.
 */
export function createTelegramSender(settings: TelegramSettings): ReplySender {
  const url = `${settings.apiUrl.replace(/\/+$/, '')}/bot${settings.botToken}/sendMessage`;
  return {
    async send(reply, signal) {
      const replyTo = reply.inReplyTo && /^\d+$/.test(reply.inReplyTo) ? Number(reply.inReplyTo) : undefined;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            chat_id: reply.recipient,
            text: reply.text,
            ...(replyTo === undefined ? {} : { reply_to_message_id: replyTo }),
          }),
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        throw transportFailure(error);
      }
      const answer = (await response.json().catch(() => ({ ok: false }))) as TelegramAnswer;
      if (answer.ok && answer.result?.message_id !== undefined) {
        return { providerMessageId: String(answer.result.message_id) };
      }
      const code = answer.error_code ?? response.status;
      const retryAfter = answer.parameters?.retry_after;
      const reason = `${answer.description ?? `HTTP ${response.status}`}${retryAfter ? ` (retry after ${retryAfter} s)` : ''}`;
      throw new DeliveryError(
        reason,
        !(code === 429 || code >= 500),
        String(code),
        retryAfter ? retryAfter * 1000 : null,
      );
    },
  };
}
