import type { AddressInfo } from 'node:net';
import type { Logger } from '@hub/logger';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** What became of one delivered message, in SMTP's terms. */
export type SmtpVerdict =
  | { readonly kind: 'accepted'; readonly reference: string }
  /** 451: the sending MTA keeps the message in its queue and tries again later. */
  | { readonly kind: 'retry-later'; readonly reason: string }
  /** 550: the sending MTA bounces it; only for messages that will never be acceptable. */
  | { readonly kind: 'refused'; readonly reason: string };

export interface SmtpEnvelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly remoteAddress: string;
}

export interface SmtpReceiverOptions {
  readonly host: string;
  /** 0 lets the OS pick; the chosen port is in the result. */
  readonly port: number;
  /** Announced with the SIZE extension (RFC 1870); larger messages get 552. */
  readonly maxMessageBytes: number;
  readonly admitsClient: (remoteAddress: string) => boolean;
  readonly admitsRecipient: (address: string) => boolean;
  readonly deliver: (raw: Buffer, envelope: SmtpEnvelope) => Promise<SmtpVerdict>;
  readonly logger: Logger;
  /** Offers STARTTLS with this certificate; without one, STARTTLS is not offered at all. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly serverName?: string;
}

export interface SmtpReceiver {
  readonly port: number;
  stop(): Promise<void>;
}

const reply = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

function readMessage(stream: SMTPServerDataStream, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped: the client must finish DATA to hear 552.
      if (size <= limit) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(stream.sizeExceeded || size > limit ? undefined : Buffer.concat(chunks)));
  });
}

/** An SMTP server (smtp-server) that hands each message to `deliver` and answers with its verdict. */
export function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const log = options.logger;
  const onData = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    done: (err?: Error | null, message?: string) => void,
  ) => {
    const envelope: SmtpEnvelope = {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      remoteAddress: session.remoteAddress,
    };
    readMessage(stream, options.maxMessageBytes)
      .then(async (raw) => {
        if (!raw)
          return done(reply(552, `message exceeds fixed maximum message size (${options.maxMessageBytes} bytes)`));
        const verdict = await options.deliver(raw, envelope);
        if (verdict.kind === 'accepted') return done(null, `OK: queued as ${verdict.reference}`);
        return done(reply(verdict.kind === 'refused' ? 550 : 451, verdict.reason));
      })
      .catch((error: unknown) => {
        log.error({ err: error, session: session.id }, 'SMTP delivery failed');
        done(reply(451, 'temporary failure, try again later'));
      });
  };
  const server = new SMTPServer({
    name: options.serverName,
    banner: 'interaction hub',
    size: options.maxMessageBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: true,
    logger: false,
    onConnect: (session, done) =>
      options.admitsClient(session.remoteAddress)
        ? done()
        : done(reply(554, `${session.remoteAddress} may not deliver mail here`)),
    onRcptTo: (address, _session, done) =>
      options.admitsRecipient(address.address) ? done() : done(reply(550, `no mailbox here for ${address.address}`)),
    onData,
  });
  server.on('error', (error) => log.warn({ err: error }, 'SMTP connection error'));
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      const { port } = server.server.address() as AddressInfo;
      resolve({ port, stop: () => new Promise<void>((closed) => server.close(() => closed())) });
    });
  });
}
