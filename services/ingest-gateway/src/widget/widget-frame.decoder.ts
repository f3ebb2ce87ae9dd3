import { type ClientFrame, clientFrameSchema, clientFrameTypes, WIDGET_PROTOCOL_VERSION } from './widget-protocol.ts';

export type DecodedFrame =
  | { readonly ok: true; readonly frame: ClientFrame }
  | { readonly ok: false; readonly clientMessageId: string | null; readonly detail: string };

/**
 * Decodes text frames to client frames, or to a refusal that says what is wrong and, when the
 * frame named one, which message it was, so the browser can tell which of its messages failed.
 */
export function createFrameDecoder(maxTextLength: number): (text: string) => DecodedFrame {
  const schema = clientFrameSchema(maxTextLength);
  return (text) => decodeClientFrame(text, schema);
}

function decodeClientFrame(text: string, schema: ReturnType<typeof clientFrameSchema>): DecodedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, clientMessageId: null, detail: 'the frame is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, clientMessageId: null, detail: 'the frame is not a JSON object' };
  }
  const fields = json as Record<string, unknown>;
  const claimed = fields.clientMessageId;
  const clientMessageId = typeof claimed === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(claimed) ? claimed : null;
  const refuse = (detail: string): DecodedFrame => ({ ok: false, clientMessageId, detail });
  if (fields.v !== WIDGET_PROTOCOL_VERSION) {
    return refuse(`protocol version ${JSON.stringify(fields.v)} is not spoken here; use v: ${WIDGET_PROTOCOL_VERSION}`);
  }
  if (!clientFrameTypes.includes(fields.type as (typeof clientFrameTypes)[number])) {
    return refuse(`unknown frame type ${JSON.stringify(fields.type)}; expected one of ${clientFrameTypes.join(', ')}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  return refuse(`invalid ${String(fields.type)} frame at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
}
