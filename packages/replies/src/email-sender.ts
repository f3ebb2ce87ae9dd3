import { Readable } from 'node:stream';
import type { AttachmentStore } from '@hub/interactions';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { DeliveryError, outcomeUnknown, type ReplySender } from './delivery-error.ts';

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
 *
 * A relay owns a message only once it has the end-of-data dot: before it, a dropped connection is
 * an aborted transaction. So the message is handed over late: MAIL, RCPT and DATA, then every byte
 * of the message, then `handOver` (the worker records the attempt), then the dot. A worker that
 * dies before the dot leaves a reply the relay cannot have, and the next worker sends it; only a
 * death between the dot and the relay's answer leaves the outcome unknown.
 */
export function createEmailSender(settings: EmailSettings): ReplySender {
  const connection = parseConnectionUrl(settings.relayUrl);
  return {
    handsOverLate: true,
    async send(reply, signal, handOver) {
      const attachments = await Promise.all(
        reply.attachments.map(async ({ id, filename }) => {
          const file = await settings.attachments.get(id);
          if (!file) throw new DeliveryError(`attachment ${id} (${filename}) is no longer stored`, true, null);
          return { filename, content: file.bytes, contentType: file.contentType };
        }),
      );
      const messageId = replyMessageId(reply.replyId, settings.from);
      const mail = new MailComposer({
        from: settings.from,
        to: reply.recipient,
        subject: reply.subject ?? '',
        text: reply.text,
        ...(reply.html === null ? {} : { html: reply.html }),
        messageId,
        ...(reply.inReplyTo === null ? {} : { inReplyTo: reply.inReplyTo }),
        references: reply.references.length > 0 ? reply.references : reply.inReplyTo ? [reply.inReplyTo] : [],
        attachments,
      }).compile();
      const bytes = await mail.build();
      const envelope = mail.getEnvelope();
      const smtp = new SMTPConnection({ ...connection, connectionTimeout: 30_000, greetingTimeout: 30_000 });
      // SMTP has no cancel: on stop the call is abandoned at once, as a crash would abandon it.
      let failed: (error: unknown) => void = () => {};
      const broken = new Promise<never>((_, reject) => {
        failed = reject;
      });
      broken.catch(() => {});
      const onAbort = () => failed(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      smtp.on('error', (error) => failed(error));
      smtp.once('end', () =>
        failed(Object.assign(new Error('the relay closed the connection'), { code: 'ECONNECTION' })),
      );
      let handOverError: unknown;
      let given = false;
      let asked = false;
      let dotSent = false;
      // Every byte, then the dot only once the attempt is recorded: ending the stream sends the dot.
      const body = new Readable({
        read() {
          if (!given) {
            given = true;
            this.push(bytes);
            return;
          }
          if (asked) return;
          asked = true;
          handOver().then(
            () => {
              dotSent = true;
              this.push(null);
            },
            (error: unknown) => {
              handOverError = error;
              this.destroy(error instanceof Error ? error : new Error(String(error)));
            },
          );
        },
      });
      try {
        if (signal.aborted) throw signal.reason;
        await Promise.race([broken, new Promise<void>((resolve) => smtp.connect(() => resolve()))]);
        if (connection.auth) {
          await Promise.race([
            broken,
            new Promise<void>((resolve, reject) =>
              smtp.login(connection.auth, (error) => (error ? reject(error) : resolve())),
            ),
          ]);
        }
        await Promise.race([
          broken,
          new Promise<void>((resolve, reject) =>
            smtp.send(envelope, body, (error) => (error ? reject(error) : resolve())),
          ),
        ]);
        smtp.quit();
        return { providerMessageId: messageId };
      } catch (error) {
        if (handOverError !== undefined) throw handOverError;
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
        const code = (error as { code?: unknown }).code;
        // After the dot and before the relay's answer, the relay may have queued it (the lost 250
        // of RFC 1047): sending it again could deliver it twice.
        if (dotSent) {
          throw new DeliveryError(
            `delivery outcome unknown: the connection to the relay broke after the whole message was sent: ${
              error instanceof Error ? error.message : String(error)
            }; an agent must confirm`,
            true,
            outcomeUnknown,
          );
        }
        // Before the dot the relay cannot have it: a dropped connection is an aborted transaction.
        throw new DeliveryError(
          `relay unreachable: ${error instanceof Error ? error.message : String(error)}`,
          false,
          typeof code === 'string' ? code : null,
        );
      } finally {
        signal.removeEventListener('abort', onAbort);
        smtp.close();
      }
    },
  };
}
