export { parseEmailOrRecordFailure } from './email.intake.ts';
export { type EmailParseOptions, type EmailSystem, parseEmail } from './email.parser.ts';
export { sanitizeEmailHtml } from './email-html.sanitiser.ts';
export {
  connectImapMailbox,
  type ImapConnection,
  type ImapFolderState,
  type ImapMailbox,
  type MailboxMessage,
} from './imap-mailbox.client.ts';
export {
  type SmtpEnvelope,
  type SmtpReceiver,
  type SmtpReceiverOptions,
  type SmtpVerdict,
  startSmtpReceiver,
} from './smtp-receiver.ts';
