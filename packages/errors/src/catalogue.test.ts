import { readFile } from 'node:fs/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errorCatalogue } from './catalogue.ts';

const docs = suite('docs/errors.md lists every error code as the catalogue defines it');

docs('each code appears once, with the same HTTP status and retriable flag, and nothing else is listed', async () => {
  const text = await readFile(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...text.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|\s*(yes|no)\s*\|/gm)].map(
    ([, code, status, retriable]) => ({
      code,
      httpStatus: Number(status),
      retriable: retriable === 'yes',
    }),
  );
  const expected = Object.entries(errorCatalogue).map(([code, { httpStatus, retriable }]) => ({
    code,
    httpStatus,
    retriable,
  }));
  assert.equal(
    [...rows].sort((a, b) => String(a.code).localeCompare(String(b.code))),
    [...expected].sort((a, b) => a.code.localeCompare(b.code)),
  );
});

docs.run();
