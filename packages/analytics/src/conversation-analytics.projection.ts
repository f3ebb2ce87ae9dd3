import {
  comparePositions,
  type DomainEvent,
  decodeEvent,
  formatPosition,
  parsePosition,
  type RecordedEvent,
  SERVICE_LEVEL_SETTINGS_STREAM,
} from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import { type ServiceLevelSettings, serviceLevelSettingsDecider } from '@hub/service-levels';
import type { SqlExecutor } from '@hub/sql';
import { writeConversationFacts } from './conversation-facts.writer.ts';
import { type ConversationFact, type ConversationFold, foldConversationEvent } from './conversation-fold.ts';

export const CONVERSATION_ANALYTICS_PROJECTION = 'analytics-conversations';

const conversationTypes = new Set<string>([
  'ConversationOpened',
  'ConversationMessageAdded',
  'ConversationStatusChanged',
  'ConversationReopened',
  'ConversationPriorityChanged',
  'ConversationAssigned',
  'CsatRequested',
  'CsatRecorded',
  'SlaBreached',
]);
const settingsTypes = new Set<string>(['BusinessCalendarSaved', 'SlaPolicySaved']);
const SETTINGS_ROW = 'service-levels';

export interface Facted {
  readonly conversationId: string;
  readonly revision: number;
  readonly recordedAt: string;
  readonly fact: ConversationFact;
}

/**
 * A page at once, as one event after another would leave it: the states of the conversations it
 * touches and the settings are read in two statements, folded in memory in the page's order, and
 * written back with one multi-row statement per table. Events at or below a conversation's stored
 * revision (or the settings' stored position) were applied already and are skipped.
 */
export async function applyConversationAnalyticsPage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  const relevant = page.filter(
    (e) =>
      (conversationTypes.has(e.type) && e.streamId.startsWith('conversation-')) ||
      (settingsTypes.has(e.type) && e.streamId === SERVICE_LEVEL_SETTINGS_STREAM),
  );
  if (relevant.length === 0) return;
  const ids = [...new Set(relevant.filter((e) => conversationTypes.has(e.type)).map(conversationIdOf))];
  const [rows, settingsRows] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : tx.query<{ conversation_id: string; revision: number; state: ConversationFold }>(
          'SELECT conversation_id, revision, state FROM conversation_state WHERE conversation_id = ANY($1::text[])',
          [ids],
        ),
    tx.query<{ position: string; settings: ServiceLevelSettings }>(
      'SELECT position, settings FROM service_level_settings WHERE id = $1',
      [SETTINGS_ROW],
    ),
  ]);
  const states = new Map(rows.map((r) => [r.conversation_id, { revision: r.revision, state: r.state }]));
  const changed = new Set<string>();
  let settings = settingsRows[0]?.settings ?? serviceLevelSettingsDecider.initialState;
  let settingsAt = settingsRows[0] ? parsePosition(settingsRows[0].position) : null;
  let settingsChanged = false;
  const facts: Facted[] = [];
  for (const recorded of relevant) {
    const event = decodeEvent(recorded) as DomainEvent;
    if (event.type === 'BusinessCalendarSaved' || event.type === 'SlaPolicySaved') {
      if (settingsAt && comparePositions(recorded.position, settingsAt) <= 0) continue;
      settings = serviceLevelSettingsDecider.evolve(settings, event);
      settingsAt = recorded.position;
      settingsChanged = true;
      continue;
    }
    const conversationId = conversationIdOf(recorded);
    const known = states.get(conversationId);
    if (known && recorded.revision <= known.revision) continue;
    const folded = foldConversationEvent(settings, known?.state ?? null, event, recorded.revision);
    if (!folded.state) continue;
    states.set(conversationId, { revision: recorded.revision, state: folded.state });
    changed.add(conversationId);
    const recordedAt = recorded.recordedAt.toISOString();
    for (const fact of folded.facts) facts.push({ conversationId, revision: recorded.revision, recordedAt, fact });
  }
  if (changed.size > 0) {
    // One JSON document for the page's states: an array of jsonb would escape every quote in them.
    const kept = [...changed].map((id) => ({ id, ...states.get(id) }));
    await tx.query(
      `INSERT INTO conversation_state (conversation_id, revision, state)
       SELECT s.id, s.revision, s.state FROM jsonb_to_recordset($1::jsonb) AS s(id text, revision int, state jsonb)
       ON CONFLICT (conversation_id) DO UPDATE SET revision = EXCLUDED.revision, state = EXCLUDED.state`,
      [JSON.stringify(kept)],
    );
  }
  if (settingsChanged && settingsAt) {
    await tx.query(
      `INSERT INTO service_level_settings (id, position, settings) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, settings = EXCLUDED.settings`,
      [SETTINGS_ROW, formatPosition(settingsAt), JSON.stringify(settings)],
    );
  }
  await writeConversationFacts(tx, facts);
}

const conversationIdOf = (recorded: RecordedEvent) => recorded.streamId.slice('conversation-'.length);

/**
 * Volumes, response and resolution times, SLA outcomes and CSAT from the conversations and the
 * service-level settings. Reads facts only (no field `personal-fields.ts` seals): give it the
 * store as stored.
 */
export const conversationAnalyticsProjection: ProjectionDefinition = {
  name: CONVERSATION_ANALYTICS_PROJECTION,
  readModel: {
    schema: 'analytics',
    tables: [
      'conversation_state',
      'service_level_settings',
      'messages',
      'responses',
      'resolutions',
      'sla_outcomes',
      'csat',
    ],
    // Rows are found by key only (a state by its conversation, a rating's request by its revision).
    keyLookupsOnly: true,
  },
  // Only the streams it folds: a replay reads neither the customers' nor the orders' events.
  filter: { streamPrefix: ['conversation-', SERVICE_LEVEL_SETTINGS_STREAM] },
  apply: (tx, event) => applyConversationAnalyticsPage(tx, [event]),
  applyPage: applyConversationAnalyticsPage,
};
