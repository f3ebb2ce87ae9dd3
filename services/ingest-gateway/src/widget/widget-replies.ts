/** An agent's reply as the widget shows it (the `reply` frame of widget-protocol.ts). */
export interface WidgetReply {
  readonly replyId: string;
  readonly text: string;
  readonly heldAt: string;
}

/**
 * Agents' replies to widget visitors (held by @hub/replies until delivered). On `hello` the
 * session attaches itself for live replies and asks for what was held while the visitor was away.
 */
export interface WidgetReplies {
  /** Hands over every reply held for the visitor, oldest first; a `deliver` that throws keeps it held. */
  release(visitorId: string, deliver: (reply: WidgetReply) => Promise<void>): Promise<number>;
  readonly connections: WidgetConnections;
}

export interface WidgetConnections {
  /** Registers a visitor's open socket; the function returned unregisters it. */
  attach(visitorId: string, deliver: (reply: WidgetReply) => void): () => void;
  /** Writes a reply to the visitor's sockets in this process; false when none is open. */
  push(visitorId: string, reply: WidgetReply): Promise<boolean>;
}

/** The sockets open in this process, by visitor (a visitor may have several tabs). */
export function createWidgetConnections(): WidgetConnections {
  const open = new Map<string, Set<(reply: WidgetReply) => void>>();
  return {
    attach(visitorId, deliver) {
      const sockets = open.get(visitorId) ?? new Set();
      sockets.add(deliver);
      open.set(visitorId, sockets);
      return () => {
        sockets.delete(deliver);
        if (sockets.size === 0) open.delete(visitorId);
      };
    },
    async push(visitorId, reply) {
      const sockets = open.get(visitorId);
      if (!sockets || sockets.size === 0) return false;
      for (const deliver of sockets) deliver(reply);
      return true;
    },
  };
}
