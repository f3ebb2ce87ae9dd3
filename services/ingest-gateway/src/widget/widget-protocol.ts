import type { ErrorCode } from '@hub/errors';
import { z } from 'zod';

// The widget's WebSocket protocol: JSON text frames, each with the protocol version `v` and a
// `type`. A client ignores server frame types it does not know, so new ones (`reply`, typing
// indicators) can be added without a new version; a changed meaning of an existing frame needs v2.

export const WIDGET_PROTOCOL_VERSION = 1;

/** Close codes the server uses, from RFC 6455 §7.4.1, so any client library can tell them apart. */
export const WidgetClose = {
  /** A binary frame: the protocol is JSON text. */
  UNSUPPORTED_DATA: 1003,
  /** Too many frames, too many bad frames, no hello in time. */
  POLICY_VIOLATION: 1008,
  /** A frame over the size limit (sent by the `ws` library itself). */
  MESSAGE_TOO_BIG: 1009,
  /** Too many open connections from this address. */
  TRY_AGAIN_LATER: 1013,
} as const;

const version = z.literal(WIDGET_PROTOCOL_VERSION);
/** Chosen by the browser (a random UUID); letters, digits, `-` and `_` only. */
const VisitorId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'visitorId must be 16-64 letters, digits, - or _');
/**
 * The page the chat was opened on, shown to agents as a link: `javascript:` or `data:` there would
 * run in the agent's browser, so anything but http(s) is refused like any other bad field.
 */
const PageUrl = z
  .string()
  .max(2048)
  .refine(
    (url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol),
    'pageUrl must be an http or https URL',
  );
const ClientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'clientMessageId must be 1-64 letters, digits, - or _');

export const clientFrameSchema = (maxTextLength: number) =>
  z.discriminatedUnion('type', [
    z.object({ v: version, type: z.literal('hello'), visitorId: VisitorId, pageUrl: PageUrl.optional() }),
    z.object({
      v: version,
      type: z.literal('message'),
      clientMessageId: ClientMessageId,
      text: z
        .string()
        .max(maxTextLength)
        .refine((text) => text.trim().length > 0, 'text is empty'),
    }),
    z.object({
      v: version,
      type: z.literal('identify'),
      clientMessageId: ClientMessageId,
      email: z.string().max(254).optional(),
      phone: z.string().max(40).optional(),
      name: z.string().max(256).optional(),
      /** Hex HMAC-SHA256 of `email + "\n" + phone` (each as sent, "" when absent), made by the website's server. */
      identityHash: z
        .string()
        .regex(/^[0-9a-f]{64}$/, '64 hex digits')
        .optional(),
    }),
    z.object({ v: version, type: z.literal('ping') }),
  ]);
export type ClientFrame = z.infer<ReturnType<typeof clientFrameSchema>>;
export const clientFrameTypes = ['hello', 'message', 'identify', 'ping'] as const;

/** What the server says, before `v` is added. */
export type ServerFrameBody =
  | {
      readonly type: 'welcome';
      readonly visitorId: string;
      readonly limits: {
        readonly maxFrameBytes: number;
        readonly maxTextLength: number;
        readonly messagesPerMinute: number;
      };
    }
  /** The message is durable: the browser may forget it. */
  | { readonly type: 'ack'; readonly clientMessageId: string; readonly interactionId: string }
  /** `retriable`: keep the message and send it again later (same clientMessageId). */
  | {
      readonly type: 'error';
      readonly clientMessageId: string | null;
      readonly code: ErrorCode;
      readonly detail: string;
      readonly retriable: boolean;
    }
  | { readonly type: 'pong' }
  /** An agent's reply; `replyId` lets a client drop one it already shows. */
  | {
      readonly type: 'reply';
      readonly replyId: string;
      readonly text: string;
      readonly agentName: string | null;
      readonly sentAt: string;
    };

export type ServerFrame = ServerFrameBody & { readonly v: typeof WIDGET_PROTOCOL_VERSION };
