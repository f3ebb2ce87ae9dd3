import type { Migration } from '@hub/sql';
import { casesSchema } from './cases.schema.ts';

/** The cases read model; the composition root runs them with `runMigrations`. */
export const casesMigrations: readonly Migration[] = [
  { id: 'cases/0001-cases', sql: casesSchema },
  {
    // The list unfiltered, and by kind, newest change first: without these each page sorted every
    // case (services/hub read-plans.int.test.ts).
    id: 'cases/0002-list-order-indexes',
    sql: `CREATE INDEX IF NOT EXISTS cases_updated_idx ON read_models.cases (updated_at DESC, case_id DESC);
CREATE INDEX IF NOT EXISTS cases_kind_idx ON read_models.cases (kind, updated_at DESC, case_id DESC);`,
  },
];
