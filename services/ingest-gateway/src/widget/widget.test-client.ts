import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type: string };

/** A visitor's socket for tests: frames are read in order, and every wait has its own timeout. */
export interface TestVisitor {
  send(frame: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  next(timeoutMs?: number): Promise<Frame>;
  /** Resolves with nothing when no frame arrives within `ms`. */
  silence(ms: number): Promise<Frame | undefined>;
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms).unref()),
  ]);

export async function connectVisitor(url: string, headers: Record<string, string> = {}): Promise<TestVisitor> {
  const socket = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  const waiters: ((frame: Frame) => void)[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await within(
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }),
    5000,
    'open',
  );
  const next = () => {
    const queued = frames.shift();
    return queued ? Promise.resolve(queued) : new Promise<Frame>((resolve) => waiters.push(resolve));
  };
  return {
    send: (frame) => socket.send(JSON.stringify(frame)),
    sendRaw: (data, binary = false) => socket.send(data, { binary }),
    next: (timeoutMs = 5000) => within(next(), timeoutMs, 'frame'),
    silence: async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return frames.shift();
    },
    closed: (timeoutMs = 5000) => within(closed, timeoutMs, 'close'),
    close: async () => {
      socket.close();
      await within(closed, 5000, 'close');
    },
  };
}

/** An upgrade the server refuses: its HTTP status and body. */
export function refusedUpgrade(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  return within(
    new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
      socket.once('open', () => reject(new Error('the upgrade was accepted')));
      socket.once('error', reject);
      socket.once('unexpected-response', (request, response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), body });
        });
      });
    }),
    5000,
    'refusal',
  );
}
