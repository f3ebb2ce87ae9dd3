import type { Migration } from '@hub/sql';
import { inboxSchema, slaCheckSchema } from './inbox.schema.ts';

/** The conversation read models; the composition root runs them with `runMigrations`. */
export const inboxMigrations: readonly Migration[] = [
  { id: 'inbox/0001-conversations', sql: inboxSchema },
  { id: 'inbox/0002-sla-check', sql: slaCheckSchema },
  {
    // The inbox sorted by SLA due time lists conversations without a due time last: the partial
    // index (due times only) could not give those, so every such page sorted all open rows
    // (`pnpm bench:agent`, docs/benchmarks.md). This one serves the whole order.
    id: 'inbox/0003-sla-due-order-index',
    sql: `
CREATE INDEX IF NOT EXISTS conversations_sla_order_idx
  ON read_models.conversations (status, sla_due_at ASC NULLS LAST, conversation_id);
DROP INDEX IF EXISTS read_models.conversations_sla_idx;`,
  },
  {
    // The inbox of every status (`status=all`) newest first: the status-led indexes cannot give
    // that order, so each page sorted every conversation (services/hub read-plans.int.test.ts).
    id: 'inbox/0004-activity-order-index',
    sql: `CREATE INDEX IF NOT EXISTS conversations_activity_idx
  ON read_models.conversations (last_activity_at DESC, conversation_id DESC);`,
  },
  {
    // Which revision of the SLA settings the clocks in the inbox were computed for: a restart
    // with the same settings looks at no clock again (it rewrote every open row, about 40 s of
    // writes at 125,000 conversations, on each start).
    id: 'inbox/0005-sla-clock-settings',
    sql: `CREATE TABLE IF NOT EXISTS read_models.sla_clock_settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  settings_revision bigint NOT NULL
);`,
  },
];
