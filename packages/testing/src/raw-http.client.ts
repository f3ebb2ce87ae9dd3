import { connect } from 'node:net';

export interface RawHttpExchange {
  /** Everything the server sent, as text (status line, headers, body). */
  readonly response: string;
  /** The server closed the connection before the timeout. */
  readonly closedByServer: boolean;
  /** The pieces that were written before the exchange ended. */
  readonly piecesWritten: number;
  readonly ms: number;
}

export interface RawHttpOptions {
  readonly port: number;
  readonly host?: string;
  /** Written in order, one every `intervalMs` (a slow client); the first at once. */
  readonly pieces: readonly (string | Buffer)[];
  readonly intervalMs?: number;
  /** Gives up (and closes) after this long. */
  readonly timeoutMs: number;
}

/** True once `text` holds a status line, headers and the whole body its Content-Length announces. */
function completeResponse(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1];
  return Buffer.byteLength(text.slice(end + 4)) >= Number(length ?? 0);
}

/**
 * A client at the socket level, for what `inject()` cannot show: a request whose body never comes,
 * headers sent a line at a time. Resolves when a whole response arrived, the server closed the
 * connection, or the timeout passed, whichever comes first.
 */
export function rawHttpExchange(options: RawHttpOptions): Promise<RawHttpExchange> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(options.port, options.host ?? '127.0.0.1');
    let response = '';
    let written = 0;
    let finished = false;
    const finish = (closedByServer: boolean) => {
      if (finished) return;
      finished = true;
      clearInterval(writer);
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, closedByServer, piecesWritten: written, ms: Date.now() - started });
    };
    const writeNext = () => {
      const piece = options.pieces[written];
      if (piece === undefined || socket.destroyed) return;
      written += 1;
      socket.write(piece);
    };
    socket.on('connect', writeNext);
    const writer = setInterval(writeNext, options.intervalMs ?? 1000);
    const timer = setTimeout(() => finish(false), options.timeoutMs);
    socket.on('data', (chunk) => {
      response += chunk.toString('utf8');
      if (completeResponse(response)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}
