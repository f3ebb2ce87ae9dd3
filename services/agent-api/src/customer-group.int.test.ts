import { projectionMigrations } from '@hub/projections';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { timelineMigrations } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { customerGroup } from './customer-group.ts';

// Merges as the timeline projection leaves them: Arash was merged into Bahar, who was merged in
// turn into Darya; Kian was merged into Darya directly; Sina is someone else.
const group = suite<{ db: SqlDatabase }>('a customer and everyone merged into it (PGlite)');

group.before(async (context) => {
  context.db = await openPGlite();
  await runMigrations(context.db, [...projectionMigrations, ...timelineMigrations]);
  await context.db.query(
    `INSERT INTO read_models.customers (customer_id, created_at, merged_into, erased_at)
     VALUES ('darya', now(), NULL, NULL), ('bahar', now(), 'darya', NULL), ('arash', now(), 'bahar', NULL),
            ('kian', now(), 'darya', NULL), ('sina', now(), NULL, NULL), ('erased', now(), NULL, now())`,
  );
});
group.after(async ({ db }) => db.close());

group('from any member: the survivor first, then everyone merged into it at any depth', async ({ db }) => {
  for (const asked of ['arash', 'bahar', 'darya', 'kian']) {
    const found = await customerGroup(db, asked);
    assert.is(found?.survivorId, 'darya', asked);
    assert.is(found?.customerIds[0], 'darya', asked);
    assert.equal([...(found?.customerIds ?? [])].sort(), ['arash', 'bahar', 'darya', 'kian'], asked);
  }
});

group('a customer nobody was merged into is alone; an erased or unknown one is nobody', async ({ db }) => {
  assert.equal(await customerGroup(db, 'sina'), { survivorId: 'sina', customerIds: ['sina'] });
  assert.is(await customerGroup(db, 'erased'), undefined);
  assert.is(await customerGroup(db, 'nobody'), undefined);
});

group.run();
