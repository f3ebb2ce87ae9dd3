import {
  conversationAnalyticsProjection,
  customerAnalyticsProjection,
  socialAnalyticsProjection,
} from '@hub/analytics';
import { auditTrailProjection } from '@hub/audit-trail';
import { casesProjection } from '@hub/cases';
import { commerceProjection } from '@hub/commerce';
import type { EventStore } from '@hub/event-store';
import { countEvents } from '@hub/event-store-postgres';
import { conversationsProjection } from '@hub/inbox';
import type { Logger } from '@hub/logger';
import { messageSearchProjection } from '@hub/message-search';
import { type ProjectionDefinition, type RebuildResult, rebuildProjection } from '@hub/projections';
import { routingProjection } from '@hub/routing-read-model';
import type { SqlDatabase } from '@hub/sql';
import { timelineProjection } from '@hub/timeline';

/** The hub's projections by name: the ones `pnpm projections:rebuild <name>` knows. */
export const hubProjections: ReadonlyMap<string, ProjectionDefinition> = new Map([
  [timelineProjection.name, timelineProjection],
  [conversationsProjection.name, conversationsProjection],
  [auditTrailProjection.name, auditTrailProjection],
  [casesProjection.name, casesProjection],
  [routingProjection.name, routingProjection],
  [messageSearchProjection.name, messageSearchProjection],
  [commerceProjection.name, commerceProjection],
  [conversationAnalyticsProjection.name, conversationAnalyticsProjection],
  [customerAnalyticsProjection.name, customerAnalyticsProjection],
  [socialAnalyticsProjection.name, socialAnalyticsProjection],
]);

/**
 * The projections that read the store as stored (ids, statuses, amounts, actors: no field
 * `personal-fields.ts` seals), live and in replays: opening what they never look at would cost
 * more than everything else they do. The others read through the store that opens personal data.
 */
export const factsOnlyProjections: ReadonlySet<string> = new Set([
  routingProjection.name,
  auditTrailProjection.name,
  commerceProjection.name,
  conversationAnalyticsProjection.name,
  customerAnalyticsProjection.name,
]);

export const unknownProjection = (name: string): Error =>
  new Error(`no projection named ${JSON.stringify(name)}; known: ${[...hubProjections.keys()].join(', ')}`);

/**
 * Rebuilds one of the hub's projections over the hub's own database and store (the sealing one,
 * so personal data reads as the live projection reads it), while the hub keeps serving.
 */
export function rebuildHubProjection(
  deps: {
    readonly database: SqlDatabase;
    readonly store: EventStore;
    /** As stored, for the facts-only projections; without it they read through `store` (same rows, slower). */
    readonly rawStore?: EventStore;
    readonly eventsInDatabase: boolean;
  },
  name: string,
  logger: Logger,
): Promise<RebuildResult> {
  const projection = hubProjections.get(name);
  if (!projection) return Promise.reject(unknownProjection(name));
  return rebuildProjection(
    {
      db: deps.database,
      store: factsOnlyProjections.has(name) ? (deps.rawStore ?? deps.store) : deps.store,
      logger,
      // The total of the progress lines, where the events are in the same database.
      ...(deps.eventsInDatabase ? { countEvents: (filter) => countEvents(deps.database, filter) } : {}),
    },
    projection,
  );
}
