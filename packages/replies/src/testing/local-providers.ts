import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// Local stand-ins for the providers, answering in each one's documented request and response
// format, recording every request they receive (also those they never answer).

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

/** One answer: status, JSON body, and how long to wait before answering. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly delayMs?: number;
}

export interface LocalHttpProvider {
  readonly url: string;
  readonly requests: RecordedRequest[];
  stop(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

/** An HTTP server that answers each request with `answer(request, index)`. */
export async function startLocalHttpProvider(
  answer: (request: RecordedRequest, index: number) => ScriptedAnswer,
): Promise<LocalHttpProvider> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const recorded = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: await readBody(req),
    };
    requests.push(recorded);
    const scripted = answer(recorded, requests.length - 1);
    if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (res.destroyed) return;
    res.writeHead(scripted.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(scripted.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Telegram Bot API answers (https://core.telegram.org/bots/api#making-requests). */
export const telegram = {
  sent: (messageId: number, chatId: string): ScriptedAnswer => ({
    status: 200,
    body: {
      ok: true,
      result: { message_id: messageId, date: 1_764_900_000, chat: { id: Number(chatId), type: 'private' }, text: '' },
    },
  }),
  error: (code: number, description: string, retryAfter?: number): ScriptedAnswer => ({
    status: code,
    body: {
      ok: false,
      error_code: code,
      description,
      ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }),
    },
  }),
};

/** Graph API answers (Send API, comment replies, and its error object). */
export const graph = {
  messageSent: (psid: string, messageId: string): ScriptedAnswer => ({
    status: 200,
    body: { recipient_id: psid, message_id: messageId },
  }),
  created: (id: string): ScriptedAnswer => ({ status: 200, body: { id } }),
  error: (status: number, code: number, message: string, subcode?: number): ScriptedAnswer => ({
    status,
    body: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        fbtrace_id: 'AbCdEfGh123',
      },
    },
  }),
};

export interface LocalSmtpRelay {
  readonly url: string;
  /** Raw messages accepted. */
  readonly messages: Buffer[];
  /** DATA commands begun, answered or not. */
  readonly dataStarted: () => number;
  /** From now on, answers DATA with this SMTP refusal (e.g. 550) and keeps nothing. */
  refuse(code: number, message: string): void;
  /** Takes messages again. */
  accept(): void;
  /** Messages received whole (the end-of-data dot) whose answer the relay is still holding. */
  readonly answersHeld: () => number;
  /** RCPT commands received, answered or not. */
  readonly recipientsStarted: () => number;
  /** How long the relay holds its answer to each DATA from now on. */
  setDelay(ms: number): void;
  stop(): Promise<void>;
}

/**
 * An SMTP relay that keeps what it is given; `delayMs` holds its answer to the end of DATA (the
 * dot), `rcptDelayMs` its answer to each RCPT; it refuses `no-such-user@...` with 550. Like a relay
 * that queued a message before answering, it keeps one whose client went away while it held the
 * answer (the lost-250 case of RFC 1047): the sender cannot know it arrived.
 */
export async function startLocalSmtpRelay(
  options: { delayMs?: number; rcptDelayMs?: number } = {},
): Promise<LocalSmtpRelay> {
  const messages: Buffer[] = [];
  let started = 0;
  let refusal: { code: number; message: string } | undefined;
  let recipients = 0;
  let held = 0;
  let delayMs = options.delayMs ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, done) {
      recipients += 1;
      setTimeout(() => {
        if (!address.address.startsWith('no-such-user@')) return done();
        done(Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
      }, options.rcptDelayMs ?? 0);
    },
    onData(stream, _session, done) {
      started += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = refusal;
        held += 1;
        setTimeout(() => {
          held -= 1;
          if (refused) return done(Object.assign(new Error(refused.message), { responseCode: refused.code }));
          messages.push(Buffer.concat(chunks));
          done();
        }, delayMs);
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    dataStarted: () => started,
    refuse: (code, message) => {
      refusal = { code, message };
    },
    accept: () => {
      refusal = undefined;
    },
    recipientsStarted: () => recipients,
    answersHeld: () => held,
    setDelay: (ms) => {
      delayMs = ms;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
