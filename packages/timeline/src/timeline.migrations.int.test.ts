import { projectionMigrations } from '@hub/projections';
import { openPGlite, runMigrations } from '@hub/sql';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { timelineMigrations } from './timeline.migrations.ts';

test('a database made before @hub/projections keeps its checkpoints; a new one gets the same table', async () => {
  const existing = await openPGlite();
  await runMigrations(existing, timelineMigrations);
  await existing.query("INSERT INTO read_models.checkpoints (projection, position) VALUES ('timeline', '812/4051')");
  const upgrade = await runMigrations(existing, [...projectionMigrations, ...timelineMigrations]);
  assert.equal(upgrade.applied, ['projections/0001-checkpoints'], 'the timeline migration is unchanged');
  assert.equal(await existing.query('SELECT projection, position FROM read_models.checkpoints'), [
    { projection: 'timeline', position: '812/4051' },
  ]);
  await existing.close();

  const fresh = await openPGlite();
  const made = await runMigrations(fresh, [...projectionMigrations, ...timelineMigrations]);
  assert.equal(made.applied, [
    'projections/0001-checkpoints',
    'timeline/0001-read-models',
    'timeline/0002-merged-into-index',
    'timeline/0003-customer-search',
    'timeline/0004-name-trigrams',
    'timeline/0005-search-term-customers',
    'timeline/0006-merge-candidate-side',
  ]);
  assert.equal(await fresh.query('SELECT * FROM read_models.checkpoints'), []);
  await fresh.close();
});

test.run();
