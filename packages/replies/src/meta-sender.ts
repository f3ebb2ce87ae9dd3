import { DeliveryError, type ReplySender, transportFailure } from './delivery-error.ts';

export interface MetaSettings {
  /** META_GRAPH_URL, default https://graph.facebook.com */
  readonly graphUrl: string;
  /** META_PAGE_TOKEN */
  readonly pageToken: string;
  readonly apiVersion?: string;
}

interface GraphAnswer {
  readonly id?: string;
  readonly message_id?: string;
  readonly error?: {
    readonly message?: string;
    readonly type?: string;
    readonly code?: number;
    readonly error_subcode?: number;
    readonly is_transient?: boolean;
    readonly fbtrace_id?: string;
  };
}

// Graph API codes worth waiting for: unknown (1), service (2), rate limits (4, 17, 32, 613).
const transientCodes = new Set([1, 2, 4, 17, 32, 613]);

async function postGraph(
  settings: MetaSettings,
  path: string,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<GraphAnswer> {
  const url = new URL(`${settings.graphUrl.replace(/\/+$/, '')}/${settings.apiVersion ?? 'v21.0'}/${path}`);
  url.searchParams.set('access_token', settings.pageToken);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw transportFailure(error);
  }
  const answer = (await response.json().catch(() => ({}))) as GraphAnswer;
  if (response.ok && !answer.error) return answer;
  const error = answer.error ?? {};
  const code = error.code ?? response.status;
  const transient = error.is_transient === true || transientCodes.has(code) || response.status >= 500;
  const reason = `${error.message ?? `HTTP ${response.status}`}${error.fbtrace_id ? ` (fbtrace_id ${error.fbtrace_id})` : ''}`;
  const providerCode = error.error_subcode ? `${code}/${error.error_subcode}` : String(code);
  throw new DeliveryError(reason, !transient, providerCode);
}

/** Messenger Send API: a text reply to a PSID inside the 24-hour window (messaging_type RESPONSE). */
export function createMessengerSender(settings: MetaSettings): ReplySender {
  return {
    async send(reply, signal) {
      const answer = await postGraph(
        settings,
        'me/messages',
        { recipient: { id: reply.recipient }, messaging_type: 'RESPONSE', message: { text: reply.text } },
        signal,
      );
      if (!answer.message_id) throw new DeliveryError('the Send API answered without a message_id', false, null);
      return { providerMessageId: answer.message_id };
    },
  };
}

/**
 * A public reply to a comment: `/{comment-id}/comments` on a Facebook Page,
 * `/{ig-comment-id}/replies` on Instagram. The recipient is the comment's id.
 */
export function createCommentReplySender(settings: MetaSettings, network: 'page' | 'instagram'): ReplySender {
  const edge = network === 'page' ? 'comments' : 'replies';
  return {
    async send(reply, signal) {
      const answer = await postGraph(
        settings,
        `${encodeURIComponent(reply.recipient)}/${edge}`,
        { message: reply.text },
        signal,
      );
      if (!answer.id) throw new DeliveryError('the Graph API answered without an id', false, null);
      return { providerMessageId: answer.id };
    },
  };
}
