import type { Migration } from '@hub/sql';
import { timelineSchema } from './timeline.schema.ts';

/** The agents' read models; the composition root runs them with `runMigrations`. */
export const timelineMigrations: readonly Migration[] = [{ id: 'timeline/0001-read-models', sql: timelineSchema }];
