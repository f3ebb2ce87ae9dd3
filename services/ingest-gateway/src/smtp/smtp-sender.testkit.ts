import { createRequire } from 'node:module';

/** The part of nodemailer's SMTP transport the tests use: a real sending MTA over TCP. */
export interface SmtpSender {
  sendMail(message: { envelope: { from: string; to: string[] }; raw: Buffer | string }): Promise<{ response: string }>;
  close(): void;
}

interface Nodemailer {
  createTransport(options: Record<string, unknown>): SmtpSender;
}

// nodemailer is a dev dependency of @hub/channels (next to smtp-server), not of this service;
// it is loaded from there so the gateway's package.json needs no test-only entry.
const requireFromChannels = createRequire(import.meta.resolve('@hub/channels'));
const nodemailer = requireFromChannels('nodemailer') as Nodemailer;

/** A client that delivers to `port` in cleartext, as the MTA on the same host would. */
export const smtpSender = (port: number): SmtpSender =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    name: 'mta.test.example',
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });

/** An SMTP failure as the sending MTA sees it: its reply code decides retry (4xx) or bounce (5xx). */
export async function sendFailure(send: Promise<unknown>): Promise<{ responseCode: number; response: string }> {
  try {
    await send;
  } catch (error) {
    const { responseCode, response } = error as { responseCode?: number; response?: string };
    return { responseCode: responseCode ?? 0, response: response ?? String(error) };
  }
  throw new Error('the message was accepted, a failure was expected');
}
