import { useEffect, useRef, useState } from 'react';
import { type LiveStatus, nextLiveStatus } from './live-status.ts';

// The conversation events and replies' delivery, as the hub's live feed names them.
const types = [
  'ConversationOpened',
  'ConversationMessageAdded',
  'ConversationAssigned',
  'ConversationStatusChanged',
  'ConversationReopened',
  'ConversationNoteAdded',
  'ConversationLabelAdded',
  'ConversationLabelRemoved',
  'ConversationPriorityChanged',
  'ReplyRequested',
  'ReplySent',
  'ReplyDeliveryFailed',
  'ReplyRetryRequested',
];
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * The API's server-sent events (`/v1/live`, the session cookie goes along): `onChange` is told the
 * conversation each notification is about; EventSource reconnects and resumes by itself, and
 * a feed it gave up on is opened again (1 s, doubling to 30 s). Answers
 * the feed's status for the header: connecting until it first opens, reconnecting once it was lost.
 */
export function useLive(enabled: boolean, onChange: (conversationId: string | undefined) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as { about?: { conversationId?: string } };
        handler.current(data.about?.conversationId);
      } catch {
        handler.current(undefined);
      }
    };
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delayMs = RETRY_FIRST_MS;
    const open = (reopened: boolean) => {
      const feed = new EventSource('/v1/live');
      source = feed;
      for (const type of types) feed.addEventListener(type, listener);
      feed.addEventListener('reset', () => handler.current(undefined));
      feed.onopen = () => {
        delayMs = RETRY_FIRST_MS;
        setStatus((current) => nextLiveStatus(current, 'open'));
        // A new feed cannot resume where the closed one stopped: the screens read again.
        if (reopened) handler.current(undefined);
      };
      feed.onerror = () => {
        setStatus((current) => nextLiveStatus(current, 'error'));
        // EventSource retries a dropped connection itself, but gives up on an HTTP error (a proxy's
        // 502 while the hub restarts): then a new one, later and later.
        if (feed.readyState !== EventSource.CLOSED) return;
        retry = setTimeout(() => open(true), delayMs);
        delayMs = Math.min(delayMs * 2, RETRY_MAX_MS);
      };
    };
    open(false);
    return () => {
      clearTimeout(retry);
      source?.close();
      // Signed in again later: a new feed, not yet open.
      setStatus('connecting');
    };
  }, [enabled]);
  return status;
}
