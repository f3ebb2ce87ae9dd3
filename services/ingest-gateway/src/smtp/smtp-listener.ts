import { type SmtpEnvelope, type SmtpVerdict, startSmtpReceiver } from '@hub/channels';
import { isHubError } from '@hub/errors';
import type { RawPayload } from '@hub/interactions';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { EMAIL_CONTENT_TYPE, parseReceivedEmail } from '../routes/email.routes.ts';

export interface SmtpListenerOptions {
  /** 0 lets the OS pick a port (tests); 25 or 2525 behind a real MTA. */
  readonly port: number;
  /** Defaults to 127.0.0.1: see `allowedClients`. */
  readonly host?: string;
  readonly deps: IngestDependencies;
  /** Announced with SIZE; defaults to the HTTP body limit so both entry points agree. */
  readonly maxMessageBytes?: number;
  /**
   * Recipient domains mail is accepted for (`smtpRecipientDomains`). Unset, any recipient is
   * accepted: right behind an MTA that already decided the mail is ours. Set it whenever the
   * listener is reachable by anything else, so it can never act as an open relay sink for
   * arbitrary domains and refuses misdirected mail at RCPT TO rather than importing it.
   */
  readonly recipientDomains?: readonly string[];
  /**
   * Client addresses that may deliver. There is no SMTP AUTH: MTAs relaying to a final
   * destination do not authenticate, and AUTH without TLS would expose the password. Trust is
   * by network instead: loopback only by default (the MTA on the same host); list the MTA hosts'
   * addresses to accept them. Spam filtering, SPF/DKIM/DMARC and TLS are the MTA's job.
   */
  readonly allowedClients?: readonly string[];
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
}

export interface SmtpListener {
  readonly port: number;
  stop(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Receives mail from an MTA. 250 only once the intake has the interaction durably; 451 when it
 * cannot take it now (the MTA keeps it queued and retries); 550 for bytes that will never be a
 * message, after they were recorded as a parse failure.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { deps } = options;
  const log = deps.logger.child({ component: 'smtp-listener' });
  const clients = new Set(options.allowedClients ?? LOOPBACK);
  const domains = options.recipientDomains?.map((domain) => domain.toLowerCase());

  const deliver = async (body: Buffer, envelope: SmtpEnvelope): Promise<SmtpVerdict> => {
    const raw: RawPayload = { channel: 'email', contentType: EMAIL_CONTENT_TYPE, body, receivedAt: deps.now() };
    try {
      const interaction = await parseReceivedEmail(deps, raw, 'mta');
      const receipt = await deps.intake.accept([interaction], raw);
      log.info(
        { interactionId: interaction.id, bytes: body.length, recipients: envelope.rcptTo.length },
        'mail accepted',
      );
      return { kind: 'accepted', reference: receipt.interactionIds[0] ?? interaction.id };
    } catch (error) {
      if (isHubError(error, 'INVALID_INPUT')) {
        log.info({ reason: error.message, bytes: body.length }, 'mail refused as unparseable');
        return { kind: 'refused', reason: `message refused: ${error.message}` };
      }
      log.error({ err: error }, 'mail could not be recorded now');
      return { kind: 'retry-later', reason: 'the message could not be recorded now; try again later' };
    }
  };

  const receiver = await startSmtpReceiver({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    maxMessageBytes: options.maxMessageBytes ?? deps.settings.maxBodyBytes,
    admitsClient: (address) => clients.has(address),
    admitsRecipient: (address) => !domains || domains.includes(domainOf(address)),
    deliver,
    logger: log,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  log.info({ port: receiver.port, recipientDomains: domains ?? 'any' }, 'SMTP listener started');
  return receiver;
}
