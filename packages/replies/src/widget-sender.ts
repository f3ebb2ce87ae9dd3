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

interface HeldRow {
  readonly reply_id: string;
  readonly text: string;
  readonly held_at: Date;
}
const toMessage = (row: HeldRow): HeldWidgetMessage => ({
  replyId: row.reply_id,
  text: row.text,
  heldAt: row.held_at.toISOString(),
});

// A message is taken (delivered_at set) before it is written to a socket, and given back when the
// write fails, so a live push and a reconnect's release never hand the same message over twice.
const giveBack = (db: SqlExecutor, replyId: string) =>
  db.query('UPDATE replies.widget_held SET delivered_at = NULL WHERE reply_id = $1', [replyId]);

/**
 * Replies to a widget visitor are held in `replies.widget_held` first (a restart keeps them), then
 * pushed if the visitor is connected; on reconnect the hub calls `releaseHeldWidgetMessages`.
 * For the outbox the reply is sent once it is held: its way to the browser is the hub's.
 */
export function createWidgetSender(db: SqlExecutor, live?: WidgetPush): ReplySender {
  return {
    // Sent again after an unknown outcome, the row is found, not added, and not pushed again.
    idempotent: true,
    async send(reply) {
      await db.query(
        `INSERT INTO replies.widget_held (reply_id, visitor_id, text) VALUES ($1, $2, $3) ON CONFLICT (reply_id) DO NOTHING`,
        [reply.replyId, reply.recipient, reply.text],
      );
      if (live) {
        const [taken] = await db.query<HeldRow>(
          `UPDATE replies.widget_held SET delivered_at = now() WHERE reply_id = $1 AND delivered_at IS NULL
           RETURNING reply_id, text, held_at`,
          [reply.replyId],
        );
        if (taken && !(await live.push(reply.recipient, toMessage(taken)).catch(() => false))) {
          await giveBack(db, reply.replyId);
        }
      }
      return { providerMessageId: `widget:${reply.replyId}` };
    },
  };
}

/**
 * On a visitor's reconnect: every message still held for them, oldest first. A message whose
 * `deliver` fails is held again for the next time; the others count as delivered.
 */
export async function releaseHeldWidgetMessages(
  db: SqlExecutor,
  visitorId: string,
  deliver: (message: HeldWidgetMessage) => Promise<void>,
): Promise<number> {
  const rows = await db.query<HeldRow>(
    `UPDATE replies.widget_held SET delivered_at = now() WHERE visitor_id = $1 AND delivered_at IS NULL
     RETURNING reply_id, text, held_at`,
    [visitorId],
  );
  rows.sort((a, b) => a.held_at.getTime() - b.held_at.getTime() || a.reply_id.localeCompare(b.reply_id));
  let delivered = 0;
  for (const row of rows) {
    try {
      await deliver(toMessage(row));
      delivered += 1;
    } catch {
      await giveBack(db, row.reply_id);
    }
  }
  return delivered;
}
