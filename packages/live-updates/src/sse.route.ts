import { HubError } from '@hub/errors';
import { type GlobalPosition, parsePosition } from '@hub/events';
import { problems, security } from '@hub/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { LiveFeed, LiveNotification } from './live-feed.ts';

export interface LiveRouteOptions {
  readonly feed: LiveFeed;
  readonly path?: string;
  /**
   * What the signed-in user may see, decided once per connection (after the scope's
   * authentication hook ran): a notification they may not see is never sent to them.
   */
  readonly audience: (
    request: FastifyRequest,
  ) => Promise<(notification: LiveNotification) => boolean | Promise<boolean>>;
  /** A comment line every so often keeps proxies from closing an idle stream (15 s). */
  readonly keepAliveMs?: number;
  /** Bytes a slow client may leave unread before its stream is closed (it resumes with Last-Event-ID). */
  readonly maxBufferedBytes?: number;
}

const Position = z.string().max(100).meta({ description: 'the id of the last event received (commit/prepare)' });
const liveSchema = {
  summary: 'Server-sent events: what changed in which conversation, once the inbox shows it',
  description:
    'Each message is `id: <position>`, `event: <type>`, `data: <JSON notification>`; `event: reset` means too much ' +
    'was missed to replay: reload. Resume with Last-Event-ID (or ?lastEventId=).',
  tags: ['live'],
  security: security.agent,
  querystring: z.object({ lastEventId: Position.optional() }),
  headers: z.looseObject({ 'last-event-id': Position.optional() }),
  produces: ['text/event-stream'],
  response: { 200: z.string().meta({ description: 'text/event-stream' }), ...problems(400, 401, 403) },
};

/** A notification's frame, built once however many clients it goes to. */
const frames = new WeakMap<LiveNotification, string>();
function frameOf(notification: LiveNotification): string {
  let frame = frames.get(notification);
  if (frame === undefined) {
    frame = `id: ${notification.id}\nevent: ${notification.type}\ndata: ${JSON.stringify(notification)}\n\n`;
    frames.set(notification, frame);
  }
  return frame;
}

/**
 * The bytes of notifications announced together, encoded once: every client shown all of them
 * (most: supervisors, and everyone for conversations of no team) is written the same buffer.
 */
const batches = new WeakMap<readonly LiveNotification[], Buffer>();
function framesOf(notifications: readonly LiveNotification[]): Buffer {
  let bytes = batches.get(notifications);
  if (bytes === undefined) {
    bytes = Buffer.from(notifications.map(frameOf).join(''));
    batches.set(notifications, bytes);
  }
  return bytes;
}

function resumePoint(request: FastifyRequest): GlobalPosition | undefined {
  const header = request.headers['last-event-id'];
  const query = (request.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  const text = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parsePosition(text.trim());
  } catch {
    throw new HubError('INVALID_INPUT', 'Last-Event-ID is not an event id this hub sent (commit/prepare)');
  }
}

/**
 * Server-sent events (`text/event-stream`): one notification per event the user may see, once the
 * read models show it. `Last-Event-ID` (or `?lastEventId=` for clients that cannot set headers)
 * resumes without a gap or a repeat; `event: reset` tells a client it missed too much to replay
 * and should reload what it shows.
 */
export function registerLiveRoute(app: FastifyInstance, options: LiveRouteOptions): void {
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const maxBuffered = options.maxBufferedBytes ?? 1_048_576;
  app.get(options.path ?? '/v1/live', { schema: liveSchema }, async (request, reply) => {
    // Refusals (a bad Last-Event-ID, no permission) are answered before the stream starts.
    const after = resumePoint(request);
    const maySee = await options.audience(request);
    reply.hijack();
    const socket = reply.raw;
    socket.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    socket.write('retry: 2000\n\n');

    let open = true;
    let unsubscribe = () => {};
    const keepAlive = setInterval(() => send(': keep-alive\n\n'), keepAliveMs);
    function close() {
      if (!open) return;
      open = false;
      clearInterval(keepAlive);
      unsubscribe();
      // What this turn sent still goes (an `event: reset` before closing).
      for (const chunk of unsent.splice(0)) socket.write(chunk);
      socket.end();
    }
    // Frames sent in one turn of the event loop leave in one write: at hundreds of events a
    // second to hundreds of clients, a write per frame costs more than everything else.
    const unsent: (string | Buffer)[] = [];
    function flush() {
      if (!open || unsent.length === 0) return;
      if (unsent.length === 1) socket.write(unsent[0] as string | Buffer);
      else {
        socket.cork();
        for (const chunk of unsent) socket.write(chunk);
        socket.uncork();
      }
      unsent.length = 0;
      if (socket.writableLength > maxBuffered) {
        request.log.warn({ buffered: socket.writableLength }, 'live client too slow; closing its stream');
        close();
      }
    }
    function send(chunk: string | Buffer) {
      if (!open) return;
      if (unsent.push(chunk) === 1) setImmediate(flush);
    }
    request.raw.on('close', close);

    // The audience may look something up (a team's members): its answers are awaited in order, so
    // frames still leave in the order of the store; an answer it has at hand is taken at once.
    const undecided: LiveNotification[] = [];
    let deciding = false;
    async function decide() {
      deciding = true;
      try {
        for (let next = undecided.shift(); next !== undefined && open; next = undecided.shift()) {
          const verdict = maySee(next);
          if (typeof verdict === 'boolean' ? verdict : await verdict) send(frameOf(next));
        }
      } catch (error) {
        request.log.warn({ err: error }, 'could not tell whether the user may see an event; closing the stream');
        close();
      } finally {
        deciding = false;
      }
    }
    const subscription = await options.feed.subscribe((notifications) => {
      if (!open) return;
      if (deciding) {
        undecided.push(...notifications);
        return;
      }
      // Decided here while the answers are at hand (most): from the first that must be looked
      // up, the rest wait for it, in order.
      const shown: LiveNotification[] = [];
      let at = 0;
      for (; at < notifications.length; at++) {
        const verdict = maySee(notifications[at] as LiveNotification);
        if (typeof verdict !== 'boolean') break;
        if (verdict) shown.push(notifications[at] as LiveNotification);
      }
      if (shown.length > 0) send(framesOf(shown.length === notifications.length ? notifications : shown));
      if (at < notifications.length) {
        undecided.push(...notifications.slice(at));
        void decide();
      }
    }, after);
    unsubscribe = subscription.unsubscribe;
    if (!open) unsubscribe(); // the client left while we were replaying
    if (subscription.reset) {
      send('event: reset\ndata: {}\n\n');
      close();
    }
  });
}
