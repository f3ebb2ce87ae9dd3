import { normalizeEmail } from '@hub/customer-identity';
import type { ParsedMail } from 'mailparser';
import { decodedHeader, rawHeader } from './email-headers.ts';

export interface AutomationSignals {
  /** Sent by a machine on a person's behalf (vacation notice, ticket receipt): never answer it automatically. */
  readonly autoReply: boolean;
  /** A delivery failure report: the customer's address may be dead. */
  readonly bounce: boolean;
  readonly bouncedRecipients: readonly string[];
}

// Subjects of vacation notices in the languages the hub's customers write in; a last resort for
// servers that set none of the RFC 3834 headers. Anchored and specific: a customer asking about a
// "Vacation package" is not an auto-reply.
const AUTO_REPLY_SUBJECT =
  /^\s*(auto(matic)?[ -]?(reply|response)|out of (the )?office|vacation (reply|notice|message|response)|away from (the )?office|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica|پاسخ خودکار|رد تلقائي|自動返信|自动回复)/iu;
const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon)@/i;
const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

function isAutoReply(mail: ParsedMail): boolean {
  const autoSubmitted = decodedHeader(mail, 'auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (rawHeader(mail, 'x-autoreply') || rawHeader(mail, 'x-autorespond')) return true;
  const precedence = decodedHeader(mail, 'precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply' || precedence === 'bulk' || precedence === 'junk') return true;
  return AUTO_REPLY_SUBJECT.test(mail.subject ?? '');
}

/** `Final-Recipient: rfc822; someone@example.net` lines of the delivery-status parts (RFC 3464). */
function failedRecipients(mail: ParsedMail): string[] {
  const reports = mail.attachments.filter((part) => DELIVERY_STATUS_TYPES.has(part.contentType.toLowerCase()));
  const fromReports = reports.flatMap((part) =>
    [...part.content.toString('utf8').matchAll(/^final-recipient:\s*[^;]*;\s*(\S+)/gim)].map((m) => m[1] ?? ''),
  );
  const fromHeader = (rawHeader(mail, 'x-failed-recipients') ?? '').split(',');
  const addresses = [...fromReports, ...fromHeader].map((address) => normalizeEmail(address)).filter(Boolean);
  return [...new Set(addresses as string[])];
}

/** The `report-type` of a multipart/report message (RFC 6522), lower-cased. */
function reportTypeOf(mail: ParsedMail): string | undefined {
  const contentType = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  if (contentType?.value?.toLowerCase() !== 'multipart/report') return undefined;
  return contentType.params?.['report-type']?.toLowerCase();
}

/** Recognises auto-replies (RFC 3834 and common practice) and bounces (RFC 3464 reports, daemons). */
export function classifyAutomation(mail: ParsedMail, fromAddress: string): AutomationSignals {
  const report = reportTypeOf(mail);
  const bounce =
    report === 'delivery-status' ||
    DAEMON_SENDER.test(fromAddress) ||
    rawHeader(mail, 'x-failed-recipients') !== undefined;
  // A read receipt (RFC 8098) is machine-sent like a vacation notice: nobody wrote it.
  const autoReply = report === 'disposition-notification' || isAutoReply(mail);
  return { autoReply, bounce, bouncedRecipients: bounce ? failedRecipients(mail) : [] };
}
