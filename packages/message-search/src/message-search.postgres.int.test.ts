import { connectPostgres } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { messageSearchSuite } from './message-search.suite.ts';

let database: TestDatabase | undefined;
const test = messageSearchSuite('PostgreSQL', async () => {
  database = await createTestDatabase({ prefix: 'message_search' });
  const db = connectPostgres({ url: database.url });
  return {
    ...db,
    close: async () => {
      await db.close();
      await database?.drop();
    },
  };
});
test.run();
