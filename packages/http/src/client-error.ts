import type { Socket } from 'node:net';
import { errorCatalogue } from '@hub/errors';

const problemBody = (code: 'REQUEST_TIMEOUT' | 'INVALID_INPUT', detail: string) =>
  JSON.stringify({
    type: `https://interaction-hub.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: code,
    status: errorCatalogue[code].httpStatus,
    detail,
    code,
  });

/**
 * Fastify's `clientErrorHandler`: what Node refuses before there is a request (a client too slow
 * to send its headers or body, a malformed request line) is problem+json like every other refusal.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection is already gone: nothing to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const body = timeout
    ? problemBody('REQUEST_TIMEOUT', 'the request was not received in time; the connection is closed')
    : problemBody(
        'INVALID_INPUT',
        error.code === 'HPE_HEADER_OVERFLOW' ? 'the request headers are too large' : 'the request is not valid HTTP',
      );
  const status = timeout ? '408 Request Timeout' : '400 Bad Request';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
