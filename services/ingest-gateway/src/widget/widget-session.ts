import { mapWidgetIdentify, mapWidgetMessage, type WidgetVisitor } from '@hub/channels';
import type { CountryCode } from '@hub/customer-identity';
import { type ErrorCode, errorCatalogue, isHubError } from '@hub/errors';
import type { InteractionIntake, NormalizedInteraction } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import { createFrameDecoder } from './widget-frame.decoder.ts';
import { checkWidgetIdentity } from './widget-identity.ts';
import type { ClientFrame, ServerFrame, ServerFrameBody } from './widget-protocol.ts';
import { WIDGET_PROTOCOL_VERSION, WidgetClose } from './widget-protocol.ts';
import type { WidgetReplies } from './widget-replies.ts';
import { createRateWindow, type WidgetSettings } from './widget-settings.ts';

export interface WidgetSessionDeps {
  readonly intake: InteractionIntake;
  readonly now: () => Date;
  readonly settings: WidgetSettings;
  readonly defaultPhoneRegion: CountryCode | undefined;
  /** HUB_WIDGET_IDENTITY_SECRET: when set, `identify` must be signed by the website (widget-identity.ts). */
  readonly identitySecret: string | undefined;
  readonly logger: Logger;
  readonly send: (frame: ServerFrame) => void;
  readonly close: (code: number, reason: string) => void;
  /** Agents' replies: held ones are handed over on hello, later ones pushed live. */
  readonly replies?: WidgetReplies;
}

/**
 * One visitor's connection, apart from the socket: frames in, frames out. Writes are handed to
 * the intake one after another, so the visitor's messages keep their order, and each is acked
 * only once the intake has made it durable.
 */
export function createWidgetSession(deps: WidgetSessionDeps) {
  const { settings } = deps;
  const frames = createRateWindow(settings.framesPerMinute, 60_000);
  const writes = createRateWindow(settings.messagesPerMinute, 60_000);
  const decode = createFrameDecoder(settings.maxTextLength);
  let visitor: WidgetVisitor | undefined;
  let badFrames = 0;
  let writesDone: Promise<void> = Promise.resolve();
  let detach: (() => void) | undefined;
  let ended = false;
  const helloTimer = setTimeout(
    () => deps.close(WidgetClose.POLICY_VIOLATION, 'no hello frame in time'),
    settings.helloTimeoutMs,
  );

  const send = (frame: ServerFrameBody) => deps.send({ v: WIDGET_PROTOCOL_VERSION, ...frame });
  const refuse = (clientMessageId: string | null, code: ErrorCode, detail: string) =>
    send({ type: 'error', clientMessageId, code, detail, retriable: errorCatalogue[code].retriable });
  const refuseBadFrame = (clientMessageId: string | null, detail: string) => {
    refuse(clientMessageId, 'INVALID_INPUT', detail);
    badFrames += 1;
    if (badFrames >= settings.maxBadFrames) deps.close(WidgetClose.POLICY_VIOLATION, 'too many invalid frames');
  };

  // Built when its turn comes, so a message after `identify` carries the name given there.
  async function record(
    frame: { clientMessageId: string },
    text: string,
    receivedAt: Date,
    build: () => NormalizedInteraction,
  ) {
    const { clientMessageId } = frame;
    let interaction: NormalizedInteraction;
    try {
      interaction = build();
    } catch (error) {
      if (isHubError(error)) return refuseBadFrame(clientMessageId, error.message);
      throw error;
    }
    const raw = { channel: 'chat' as const, contentType: 'application/json', body: Buffer.from(text), receivedAt };
    try {
      const receipt = await deps.intake.accept([interaction], raw);
      send({ type: 'ack', clientMessageId, interactionId: receipt.interactionIds[0] ?? interaction.id });
    } catch (error) {
      deps.logger.error({ err: error }, 'intake refused a widget message');
      refuse(clientMessageId, 'INTAKE_UNAVAILABLE', 'the message could not be recorded now; send it again later');
    }
  }

  function greet(frame: Extract<ClientFrame, { type: 'hello' }>): void {
    if (visitor && visitor.visitorId !== frame.visitorId) {
      refuseBadFrame(null, 'a connection speaks for one visitor; reconnect to change visitorId');
      return;
    }
    clearTimeout(helloTimer);
    const pageUrl = frame.pageUrl ?? visitor?.pageUrl ?? null;
    visitor = { visitorId: frame.visitorId, pageUrl, name: visitor?.name ?? null };
    const { maxFrameBytes, maxTextLength, messagesPerMinute } = settings;
    send({ type: 'welcome', visitorId: frame.visitorId, limits: { maxFrameBytes, maxTextLength, messagesPerMinute } });
    if (deps.replies && !detach) handOverReplies(deps.replies, frame.visitorId);
  }

  function handOverReplies(replies: WidgetReplies, visitorId: string): void {
    const show = (reply: { replyId: string; text: string; heldAt: string }) =>
      send({ type: 'reply', replyId: reply.replyId, text: reply.text, agentName: null, sentAt: reply.heldAt });
    detach = replies.connections.attach(visitorId, show);
    replies
      .release(visitorId, async (reply) => {
        // Gone meanwhile: the reply stays held for the next connection.
        if (ended) throw new Error('the visitor left before the reply was shown');
        show(reply);
      })
      .catch((error) => deps.logger.error({ err: error }, 'held widget replies could not be handed over'));
  }

  function queueWrite(frame: Extract<ClientFrame, { type: 'message' | 'identify' }>, text: string): void {
    const current = visitor;
    if (!current) {
      refuseBadFrame(frame.clientMessageId, 'send hello before anything else');
      return;
    }
    const identity = frame.type === 'identify' ? checkWidgetIdentity(deps.identitySecret, frame) : { verified: false };
    if ('refused' in identity) {
      refuse(frame.clientMessageId, 'INVALID_SIGNATURE', identity.refused);
      badFrames += 1;
      if (badFrames >= settings.maxBadFrames) deps.close(WidgetClose.POLICY_VIOLATION, 'too many invalid frames');
      return;
    }
    const receivedAt = deps.now();
    if (!writes.take(receivedAt.getTime())) {
      refuse(frame.clientMessageId, 'RATE_LIMITED', `at most ${settings.messagesPerMinute} messages a minute`);
      return;
    }
    const build =
      frame.type === 'message'
        ? () => mapWidgetMessage(visitor ?? current, frame.clientMessageId, frame.text, receivedAt)
        : () => {
            const region = deps.defaultPhoneRegion;
            const claim = { ...frame, verified: identity.verified };
            const identified = mapWidgetIdentify(visitor ?? current, frame.clientMessageId, claim, receivedAt, region);
            visitor = { ...(visitor ?? current), name: identified.contact.displayName };
            return identified;
          };
    writesDone = writesDone
      .then(() => record(frame, text, receivedAt, build))
      .catch((error) => deps.logger.error({ err: error }, 'widget frame failed'));
  }

  return {
    /** One text frame from the browser. */
    receive(text: string): void {
      if (!frames.take(deps.now().getTime())) {
        deps.close(WidgetClose.POLICY_VIOLATION, 'too many frames');
        return;
      }
      const decoded = decode(text);
      if (!decoded.ok) refuseBadFrame(decoded.clientMessageId, decoded.detail);
      else if (decoded.frame.type === 'ping') send({ type: 'pong' });
      else if (decoded.frame.type === 'hello') greet(decoded.frame);
      else queueWrite(decoded.frame, text);
    },
    /** The socket closed: stop the hello deadline; writes under way still finish (and are kept). */
    end(): Promise<void> {
      clearTimeout(helloTimer);
      ended = true;
      detach?.();
      return writesDone;
    },
  };
}
