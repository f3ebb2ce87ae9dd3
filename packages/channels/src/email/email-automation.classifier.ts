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

// A delivery report names its recipients in its first lines; anything past this is a sender's padding.
const MAX_REPORT_BYTES = 64 * 1024;
const FINAL_RECIPIENT = 'final-recipient:';

/**
 * `Final-Recipient: rfc822; someone@example.net` lines (RFC 3464), by a line scan: a pattern such as
 * `final-recipient:\s*[^;]*;` backtracks over every line of a crafted report (seconds per message,
 * and an IMAP mailbox would stall on it after every restart).
 */
function finalRecipientsIn(report: string): string[] {
  const found: string[] = [];
  for (const line of report.split('\n')) {
    if (line.slice(0, FINAL_RECIPIENT.length).toLowerCase() !== FINAL_RECIPIENT) continue;
    const semicolon = line.indexOf(';', FINAL_RECIPIENT.length);
    const address =
      semicolon < 0
        ? ''
        : (line
            .slice(semicolon + 1)
            .trim()
            .split(/\s/, 1)[0] ?? '');
    if (address) found.push(address);
  }
  return found;
}

/** The recipients named by the delivery-status parts and by `X-Failed-Recipients`. */
function failedRecipients(mail: ParsedMail): string[] {
  const reports = mail.attachments.filter((part) => DELIVERY_STATUS_TYPES.has(part.contentType.toLowerCase()));
  const fromReports = reports.flatMap((part) =>
    finalRecipientsIn(part.content.subarray(0, MAX_REPORT_BYTES).toString('utf8')),
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
