import type { AttachmentStore } from '@hub/interactions';
import nodemailer from 'nodemailer';
import { DeliveryError, type ReplySender } from './delivery-error.ts';

export interface EmailSettings {
  /** HUB_SMTP_RELAY_URL, e.g. smtp://relay.internal:25 or smtps://user:pass@relay:465 */
  readonly relayUrl: string;
  /** HUB_REPLY_FROM: the support address replies come from. */
  readonly from: string;
  readonly attachments: AttachmentStore;
}

/** Deterministic from the reply: a resend of the same reply carries the same Message-ID. */
export const replyMessageId = (replyId: string, from: string): string =>
  `<reply-${replyId}@${from.split('@').at(-1)?.replace(/[>\s]/g, '') || 'hub.invalid'}>`;

const replyMessageIdPattern = /^<?reply-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^>\s]+>?$/i;

/**
 * The reply an inbound email answers, from one of its In-Reply-To / References ids: a customer's
 * answer to our reply threads back into the reply's conversation. Undefined for other ids.
 */
export function replyIdOfMessageId(messageId: string): string | undefined {
  return replyMessageIdPattern.exec(messageId.trim())?.[1]?.toLowerCase();
}

/**
 * Email through an SMTP relay, threaded under the customer's message (In-Reply-To, References) so
 * their answer comes back into the same conversation. 5xx answers are permanent, 4xx and
 * connection failures transient.
 */
export function createEmailSender(settings: EmailSettings): ReplySender {
  return {
    async send(reply, signal) {
      const attachments = await Promise.all(
        reply.attachments.map(async ({ id, filename }) => {
          const file = await settings.attachments.get(id);
          if (!file) throw new DeliveryError(`attachment ${id} (${filename}) is no longer stored`, true, null);
          return { filename, content: file.bytes, contentType: file.contentType };
        }),
      );
      const messageId = replyMessageId(reply.replyId, settings.from);
      const transport = nodemailer.createTransport(settings.relayUrl);
      // SMTP has no cancel: on stop the call is abandoned at once, as a crash would abandon it.
      let onAbort = () => {};
      const abandoned = new Promise<never>((_, reject) => {
        onAbort = () => {
          transport.close();
          reject(signal.reason);
        };
      });
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        if (signal.aborted) throw signal.reason;
        const sending = transport.sendMail({
          from: settings.from,
          to: reply.recipient,
          subject: reply.subject ?? '',
          text: reply.text,
          ...(reply.html === null ? {} : { html: reply.html }),
          messageId,
          ...(reply.inReplyTo === null ? {} : { inReplyTo: reply.inReplyTo }),
          references: reply.references.length > 0 ? reply.references : reply.inReplyTo ? [reply.inReplyTo] : [],
          attachments,
        });
        sending.catch(() => {}); // Its end is unheard once abandoned.
        await Promise.race([sending, abandoned]);
        return { providerMessageId: messageId };
      } catch (error) {
        if (signal.aborted) throw error;
        const responseCode = (error as { responseCode?: unknown }).responseCode;
        if (typeof responseCode === 'number') {
          const response = (error as { response?: unknown }).response;
          throw new DeliveryError(
            typeof response === 'string' ? response : String(error),
            responseCode >= 500,
            String(responseCode),
          );
        }
        // SMTP: a message is the relay's only once it answered 250 to DATA, so no answer means not taken.
        const code = (error as { code?: unknown }).code;
        throw new DeliveryError(
          `relay unreachable: ${error instanceof Error ? error.message : String(error)}`,
          false,
          typeof code === 'string' ? code : null,
        );
      } finally {
        signal.removeEventListener('abort', onAbort);
        transport.close();
      }
    },
  };
}
