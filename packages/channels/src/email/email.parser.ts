import { createHash } from 'node:crypto';
import { emailIdentifier } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import {
  type AttachmentStore,
  interactionId,
  MAX_TEXT_LENGTH,
  NormalizedInteraction,
  summarise,
} from '@hub/interactions';
import { type ParsedMail, simpleParser } from 'mailparser';
import { addressesOf, senderOf } from './email-addresses.ts';
import { keepAttachments } from './email-attachments.ts';
import { classifyAutomation } from './email-automation.classifier.ts';
import { messageIdsIn, rawHeader, sentAtOf, threadRootOf } from './email-headers.ts';
import { sanitizeEmailHtml } from './email-html.sanitiser.ts';
import { withoutLeadingWhitespaceLines } from './email-leniency.ts';
import { assertLooksLikeMessage } from './email-mime.guard.ts';

/** Who handed the message over: an MTA delivering to us (HTTP or SMTP), or our IMAP poller. */
export type EmailSystem = 'mta' | 'imap';

export interface EmailParseOptions {
  readonly system: EmailSystem;
  readonly attachments: AttachmentStore;
  /** Larger attachments are described but not stored (see keepAttachments). */
  readonly maxAttachmentBytes: number;
  /** When the hub received the message: the time of a message without a usable Date header. */
  readonly receivedAt: Date;
}

const MAX_ID_LENGTH = 998;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
// Ids travel in events and Kafka keys; an absurd header is replaced by its hash, not cut.
const boundedId = (id: string) => (id.length <= MAX_ID_LENGTH ? id : `sha256:${sha256(id)}`);

async function parseMime(raw: Buffer): Promise<ParsedMail> {
  assertLooksLikeMessage(raw);
  try {
    // keepCidLinks: inline images are not inlined as data: URLs (the sanitiser drops them anyway).
    // skipHtmlToText: text is derived from the sanitised HTML instead (see bodyOf).
    // keepDeliveryStatus: a bounce's machine-readable report stays a part we can read.
    return await simpleParser(raw, {
      keepCidLinks: true,
      skipHtmlToText: true,
      keepDeliveryStatus: true,
      checksumAlgo: 'sha256',
    });
  } catch (error) {
    throw new HubError('INVALID_INPUT', `the message is not valid MIME: ${(error as Error).message}`);
  }
}

function bodyOf(mail: ParsedMail): { text: string; html: string | null } {
  const sanitised = typeof mail.html === 'string' ? sanitizeEmailHtml(mail.html) : '';
  // Without a plain part the text comes from the sanitised HTML, never from the hostile original
  // (whose links, javascript: included, mailparser's converter would copy into the text).
  const text = (mail.text ?? '').trim() || htmlToPlain(sanitised);
  const html = sanitised.length > 0 && sanitised.length <= MAX_TEXT_LENGTH * 5 ? sanitised : null;
  return { text: text.length <= MAX_TEXT_LENGTH ? text : `${text.slice(0, MAX_TEXT_LENGTH - 1)}…`, html };
}

const htmlToPlain = (html: string) =>
  html
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/**
 * One raw RFC 5322 message as the hub's normalised interaction: headers decoded in any script,
 * HTML sanitised, attachments stored, threaded by its root Message-ID. Throws INVALID_INPUT for
 * bytes that are not a message or have no From address.
 */
export async function parseEmail(received: Buffer, options: EmailParseOptions): Promise<NormalizedInteraction> {
  const { message: raw, defects } = withoutLeadingWhitespaceLines(received);
  const mail = await parseMime(raw);
  const sender = senderOf(mail.from);
  if (!sender) {
    const why = mail.from ? 'holds no valid email address' : 'is missing';
    throw new HubError('INVALID_INPUT', `the message cannot be attributed: its From header ${why}`);
  }
  const messageId = messageIdsIn(rawHeader(mail, 'message-id'))[0] ?? null;
  const externalId = boundedId(messageId ?? `sha256:${sha256(raw)}`);
  const inReplyTo = messageIdsIn(rawHeader(mail, 'in-reply-to'))[0] ?? null;
  const references = messageIdsIn(rawHeader(mail, 'references'));
  const subject = (mail.subject ?? '').trim();
  const { text, html } = bodyOf(mail);
  const kept = await keepAttachments(mail.attachments, options.attachments, options.maxAttachmentBytes);
  const automation = classifyAutomation(mail, sender.address);

  const checked = NormalizedInteraction.safeParse({
    id: interactionId('email', options.system, externalId),
    channel: 'email',
    source: { system: options.system, externalId },
    direction: 'inbound',
    occurredAt: (sentAtOf(mail) ?? options.receivedAt).toISOString(),
    contact: { identifiers: [emailIdentifier(sender.address)], displayName: sender.displayName },
    threadKey: boundedId(threadRootOf({ references, inReplyTo, own: externalId })),
    summary: summarise(subject || text),
    text,
    html,
    details: {
      channel: 'email',
      messageId,
      subject,
      from: sender.address,
      to: addressesOf(mail.to),
      cc: addressesOf(mail.cc),
      inReplyTo,
      references,
      attachments: kept.attachments,
      attachmentsNotStored: kept.notStored,
      ...automation,
      defects,
    },
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new HubError('INVALID_INPUT', `the message does not make a valid interaction at ${where}: ${issue?.message}`);
  }
  return checked.data;
}
