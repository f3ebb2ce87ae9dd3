import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toJsonSafe } from './json-safe.ts';

test('state that JSON.stringify would mangle or refuse reaches the client whole', () => {
  const node: Record<string, unknown> = { name: 'loop' };
  node.self = node;
  const shared = { id: 'a' };
  assert.equal(
    toJsonSafe({
      total: 12n,
      byRevision: new Map([[3, 'opened']]),
      empty: new Set(),
      key: new Uint8Array([1, 2, 3]),
      node,
      twice: [shared, shared],
      notANumber: Number.NaN,
      skipped: () => 1,
    }),
    {
      total: '12',
      byRevision: [[3, 'opened']],
      empty: [],
      key: 'AQID',
      node: { name: 'loop', self: null },
      twice: [{ id: 'a' }, { id: 'a' }],
      notANumber: null,
    },
  );
});

test.run();
