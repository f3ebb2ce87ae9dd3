import type { Migration } from '@hub/sql';
import { analyticsSchema } from './analytics.schema.ts';

/** The analytics read models; the composition root runs them with `runMigrations`. */
export const analyticsMigrations: readonly Migration[] = [{ id: 'analytics/0001-facts', sql: analyticsSchema }];
