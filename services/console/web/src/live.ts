import { useEffect, useRef, useState } from 'react';

/**
 * The API's server-sent events (`/v1/live`, the session cookie goes along): `onChange` is told the
 * conversation each notification is about; EventSource reconnects and resumes by itself.
 */
export function useLive(enabled: boolean, onChange: (conversationId: string | undefined) => void): boolean {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/v1/live');
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
    const listener = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as { about?: { conversationId?: string } };
        handler.current(data.about?.conversationId);
      } catch {
        handler.current(undefined);
      }
    };
    for (const type of types) source.addEventListener(type, listener);
    source.addEventListener('reset', () => handler.current(undefined));
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [enabled]);
  return connected;
}
