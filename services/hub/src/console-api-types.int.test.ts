import { readFile } from 'node:fs/promises';
import { apiTypesOf, apiTypesPath } from '@hub/console';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hubOpenApiDocument } from './openapi-document.ts';

const types = suite("the console's API client types");

types("are the hub's OpenAPI document as it is now (after changing the API: pnpm console:api-types)", async () => {
  const current = await apiTypesOf(await hubOpenApiDocument());
  const committed = await readFile(apiTypesPath, 'utf8');
  assert.ok(
    committed === current,
    'services/console/web/src/api/schema.d.ts differs from the API: run `pnpm console:api-types` and commit it',
  );
});

types.run();
