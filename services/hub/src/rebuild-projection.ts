import { auditTrailProjection } from '@hub/audit-trail';
import { casesProjection } from '@hub/cases';
import type { EventStore } from '@hub/event-store';
import { countEvents } from '@hub/event-store-postgres';
import { conversationsProjection } from '@hub/inbox';
import type { Logger } from '@hub/logger';
import { messageSearchProjection } from '@hub/message-search';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { type ProjectionDefinition, type RebuildResult, rebuildProjection } from '@hub/projections';
import { routingProjection } from '@hub/routing-read-model';
import { runMigrations, type SqlDatabase } from '@hub/sql';
import { timelineProjection } from '@hub/timeline';
import type { HubConfig } from './config.ts';
import { openDatabase, openEventStore } from './event-store.factory.ts';
import { hubMigrations } from './hub.migrations.ts';

/** The hub's projections by name: the ones `pnpm projections:rebuild <name>` knows. */
export const hubProjections: ReadonlyMap<string, ProjectionDefinition> = new Map([
  [timelineProjection.name, timelineProjection],
  [conversationsProjection.name, conversationsProjection],
  [auditTrailProjection.name, auditTrailProjection],
  [casesProjection.name, casesProjection],
  [routingProjection.name, routingProjection],
  [messageSearchProjection.name, messageSearchProjection],
]);

export const unknownProjection = (name: string): Error =>
  new Error(`no projection named ${JSON.stringify(name)}; known: ${[...hubProjections.keys()].join(', ')}`);

/**
 * Rebuilds one of the hub's projections over the hub's own database and store (the sealing one,
 * so personal data reads as the live projection reads it), while the hub keeps serving.
 */
export function rebuildHubProjection(
  deps: { readonly database: SqlDatabase; readonly store: EventStore; readonly eventsInDatabase: boolean },
  name: string,
  logger: Logger,
): Promise<RebuildResult> {
  const projection = hubProjections.get(name);
  if (!projection) return Promise.reject(unknownProjection(name));
  return rebuildProjection(
    {
      db: deps.database,
      store: deps.store,
      logger,
      // The total of the progress lines, where the events are in the same database.
      ...(deps.eventsInDatabase ? { countEvents: (filter) => countEvents(deps.database, filter) } : {}),
    },
    projection,
  );
}

/** The same from outside a running hub (the CLI): opens what the hub would open, then closes it. */
export async function rebuildProjectionOffline(
  config: HubConfig,
  name: string,
  logger: Logger,
): Promise<RebuildResult> {
  if (!hubProjections.has(name)) throw unknownProjection(name);
  const database = await openDatabase(config, logger);
  try {
    await runMigrations(database, hubMigrations, { logger: logger.child({ component: 'migrations' }) });
    const rawStore = await openEventStore(config, database, logger);
    const store = createSealingEventStore(rawStore, createSqlKeyStore(database));
    try {
      return await rebuildHubProjection(
        { database, store, eventsInDatabase: config.eventStore !== 'esdb' },
        name,
        logger,
      );
    } finally {
      await store.close();
    }
  } finally {
    await database.close();
  }
}
