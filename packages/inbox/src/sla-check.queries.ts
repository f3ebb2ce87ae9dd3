import type { SqlExecutor } from '@hub/sql';

// The SLA checker's side of the inbox row: which conversations to look at, and what their clock
// says. The projection marks a row stale ('-infinity') when an event moves its clock; the checker
// writes the clock it computed, only onto the revision it computed it from.

export interface SlaCheckDue {
  readonly conversationId: string;
  readonly revision: number;
}

/** Conversations whose clock is stale or may have changed by `now`, the most overdue first. */
export async function conversationsDueForSlaCheck(db: SqlExecutor, now: Date, limit = 100): Promise<SlaCheckDue[]> {
  const rows = await db.query<{ conversation_id: string; revision: number }>(
    `SELECT conversation_id, revision FROM read_models.conversations
      WHERE sla_check_at <= $1 ORDER BY sla_check_at, conversation_id LIMIT $2`,
    [now.toISOString(), limit],
  );
  return rows.map((row) => ({ conversationId: row.conversation_id, revision: row.revision }));
}

export interface SlaClockColumns {
  readonly policyId: string | null;
  readonly dueAt: Date | null;
  readonly state: string | null;
  /** When to look again; null when nothing counts. */
  readonly checkAt: Date | null;
}

/**
 * Writes a conversation's clock as of its stream `revision`. A row already past that revision (an
 * event came meanwhile, and the projection marked it stale) is left for the next round; a row
 * behind it takes the newer clock, and is marked stale again when the projection catches up.
 */
export async function writeSlaClock(
  db: SqlExecutor,
  conversationId: string,
  revision: number,
  clock: SlaClockColumns,
): Promise<boolean> {
  const rows = await db.query<{ conversation_id: string }>(
    `UPDATE read_models.conversations
        SET sla_policy_id = $3, sla_due_at = $4, sla_state = $5, sla_check_at = $6
      WHERE conversation_id = $1 AND revision <= $2
      RETURNING conversation_id`,
    [
      conversationId,
      revision,
      clock.policyId,
      clock.dueAt?.toISOString() ?? null,
      clock.state,
      clock.checkAt?.toISOString() ?? null,
    ],
  );
  return rows.length > 0;
}

/** The revision of the SLA settings stream the clocks were last marked for; undefined before any. */
export async function slaClocksSettingsRevision(db: SqlExecutor): Promise<number | undefined> {
  const [row] = await db.query<{ settings_revision: string }>(
    'SELECT settings_revision::text FROM read_models.sla_clock_settings',
  );
  return row ? Number(row.settings_revision) : undefined;
}

/**
 * After the SLA settings changed (to `settingsRevision`): every conversation not resolved is
 * looked at again. The revision is kept in the same statement, so a restart with the same
 * settings does not do it again.
 */
export async function markSlaClocksStale(db: SqlExecutor, settingsRevision: number): Promise<void> {
  await db.query(
    `WITH seen AS (
       INSERT INTO read_models.sla_clock_settings (singleton, settings_revision) VALUES (true, $1)
       ON CONFLICT (singleton) DO UPDATE SET settings_revision = EXCLUDED.settings_revision)
     UPDATE read_models.conversations SET sla_check_at = '-infinity'
      WHERE status <> 'resolved' OR sla_due_at IS NOT NULL OR sla_state IS NOT NULL`,
    [settingsRevision],
  );
}

/** No policy applies anywhere: every clock that is due for a check is cleared at once. */
export async function clearSlaClocks(db: SqlExecutor, now: Date): Promise<void> {
  await db.query(
    `UPDATE read_models.conversations
        SET sla_policy_id = NULL, sla_due_at = NULL, sla_state = NULL, sla_check_at = NULL
      WHERE sla_check_at <= $1`,
    [now.toISOString()],
  );
}
