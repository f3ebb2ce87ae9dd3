import type { Migration } from '@hub/sql';
import { casesSchema } from './cases.schema.ts';

/** The cases read model; the composition root runs them with `runMigrations`. */
export const casesMigrations: readonly Migration[] = [{ id: 'cases/0001-cases', sql: casesSchema }];
