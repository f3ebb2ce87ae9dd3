import type { SqlExecutor } from '@hub/sql';
import type { ReplySender } from './delivery-error.ts';

/** What the widget's WebSocket hub offers: hand a message to a connected visitor now, if connected. */
export interface WidgetPush {
  /** True when the visitor has an open socket and the message was written to it. */
  push(visitorId: string, message: HeldWidgetMessage): Promise<boolean>;
}

export interface HeldWidgetMessage {
  readonly replyId: string;
  readonly text: string;
  readonly heldAt: string;
}

/**
 * Replies to a widget visitor are held in `replies.widget_held` first (a restart keeps them), then
 * pushed if the visitor is connected; on reconnect the hub calls `releaseHeldWidgetMessages`.
 * For the outbox the reply is sent once it is held: its delivery to the browser is the hub's.
 */
export function createWidgetSender(db: SqlExecutor, live?: WidgetPush): ReplySender {
  return {
    idempotent: true,
    async send(reply) {
      // Sent again after an unknown outcome: the row is found, and a message already pushed is not pushed twice.
      const [row] = await db.query<{ held_at: Date; delivered_at: Date | null }>(
        `INSERT INTO replies.widget_held (reply_id, visitor_id, text) VALUES ($1, $2, $3)
         ON CONFLICT (reply_id) DO UPDATE SET reply_id = EXCLUDED.reply_id RETURNING held_at, delivered_at`,
        [reply.replyId, reply.recipient, reply.text],
      );
      const message = { replyId: reply.replyId, text: reply.text, heldAt: (row?.held_at ?? new Date()).toISOString() };
      if (live && !row?.delivered_at && (await live.push(reply.recipient, message).catch(() => false))) {
        await db.query('UPDATE replies.widget_held SET delivered_at = now() WHERE reply_id = $1', [reply.replyId]);
      }
      return { providerMessageId: `widget:${reply.replyId}` };
    },
  };
}

/**
 * On a visitor's reconnect: every message still held for them, oldest first, each marked
 * delivered once `deliver` resolves (a message whose write failed stays held for the next time).
 */
export async function releaseHeldWidgetMessages(
  db: SqlExecutor,
  visitorId: string,
  deliver: (message: HeldWidgetMessage) => Promise<void>,
): Promise<number> {
  const rows = await db.query<{ reply_id: string; text: string; held_at: Date }>(
    `SELECT reply_id, text, held_at FROM replies.widget_held
     WHERE visitor_id = $1 AND delivered_at IS NULL ORDER BY held_at, reply_id`,
    [visitorId],
  );
  let delivered = 0;
  for (const row of rows) {
    await deliver({ replyId: row.reply_id, text: row.text, heldAt: row.held_at.toISOString() });
    await db.query('UPDATE replies.widget_held SET delivered_at = now() WHERE reply_id = $1', [row.reply_id]);
    delivered += 1;
  }
  return delivered;
}
