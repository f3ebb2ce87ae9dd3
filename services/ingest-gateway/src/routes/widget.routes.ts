import websocket from '@fastify/websocket';
import { HubError } from '@hub/errors';
import { problems, security, sendProblem, toProblem } from '@hub/http';
import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { DEMO_PAGE_POLICY, loadWidgetAssets } from '../widget/widget-assets.ts';
import { WidgetClose } from '../widget/widget-protocol.ts';
import { createWidgetSession } from '../widget/widget-session.ts';
import { defaultWidgetSettings, originPolicy, type WidgetSettings } from '../widget/widget-settings.ts';

export const WIDGET_SOCKET_PATH = '/v1/channels/chat/widget';

const scriptSchema = {
  summary: 'The embeddable chat widget script',
  tags: ['intake'],
  security: security.none,
  produces: ['text/javascript'],
  response: { 200: z.string() },
};
const demoSchema = {
  summary: 'A demo page with the widget',
  tags: ['intake'],
  security: security.none,
  produces: ['text/html'],
  response: { 200: z.string() },
};
const socketSchema = {
  summary: 'The website chat: a WebSocket (Upgrade) speaking the widget protocol',
  description:
    'JSON text frames as in services/ingest-gateway/src/widget/widget-protocol.ts. Origins are checked before the ' +
    'upgrade (403); a plain GET without Upgrade answers 400.',
  tags: ['intake'],
  security: security.none,
  response: { 101: z.undefined().meta({ description: 'switched to WebSocket' }), ...problems(400, 403) },
};

const textOf = (data: RawData): string =>
  (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');

/**
 * The website chat: a WebSocket for visitors (protocol in widget/widget-protocol.ts), the
 * embeddable script and a demo page. `widget` overrides the limits and the origin allow-list.
 */
export async function registerWidgetRoutes(
  app: FastifyInstance,
  deps: IngestDependencies,
  widget: Partial<WidgetSettings> = {},
): Promise<void> {
  const settings: WidgetSettings = Object.freeze({ ...defaultWidgetSettings, ...widget });
  const originAllowed = originPolicy(settings.allowedOrigins, deps.settings.publicUrl);
  const assets = await loadWidgetAssets();
  const logger = deps.logger.child({ component: 'widget' });
  const openPerAddress = new Map<string, number>();
  // `ws` closes a connection whose frame is over maxPayload with 1009 before reading it.
  await app.register(websocket, { options: { maxPayload: settings.maxFrameBytes } });

  app.get('/v1/channels/chat/widget.js', { schema: scriptSchema }, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(assets.script),
  );

  app.get('/v1/channels/chat/widget/demo', { schema: demoSchema }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', DEMO_PAGE_POLICY)
      .header('x-content-type-options', 'nosniff')
      .send(assets.demoPage),
  );

  app.route({
    method: 'GET',
    url: WIDGET_SOCKET_PATH,
    schema: socketSchema,
    // Refused before the upgrade, as an ordinary HTTP answer the browser reports.
    onRequest: async (request, reply) => {
      if (originAllowed(request.headers.origin)) return;
      return sendProblem(
        reply,
        toProblem(
          new HubError('FORBIDDEN', 'this origin may not open the chat; add it to the widget allowed origins'),
          request,
        ),
      );
    },
    handler: async () => {
      throw new HubError('INVALID_INPUT', 'this endpoint speaks WebSocket: open it with an Upgrade request');
    },
    wsHandler: (socket: WebSocket, request) => {
      const address = request.ip;
      const open = openPerAddress.get(address) ?? 0;
      if (open >= settings.maxConnectionsPerAddress) {
        socket.close(WidgetClose.TRY_AGAIN_LATER, 'too many connections from this address');
        return;
      }
      openPerAddress.set(address, open + 1);
      const session = createWidgetSession({
        intake: deps.intake,
        now: deps.now,
        settings,
        defaultPhoneRegion: deps.settings.defaultPhoneRegion,
        identitySecret: deps.settings.widgetIdentitySecret,
        logger,
        send: (frame) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
        },
        close: (code, reason) => socket.close(code, reason),
        ...(deps.widgetReplies ? { replies: deps.widgetReplies } : {}),
      });
      socket.on('message', (data, isBinary) => {
        if (isBinary) return socket.close(WidgetClose.UNSUPPORTED_DATA, 'frames are JSON text');
        session.receive(textOf(data));
      });
      socket.once('close', () => {
        const left = (openPerAddress.get(address) ?? 1) - 1;
        if (left > 0) openPerAddress.set(address, left);
        else openPerAddress.delete(address);
        void session.end();
      });
    },
  });
}
