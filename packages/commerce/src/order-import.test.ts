import { HubError } from '@hub/errors';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { OrderDesk, OrderToPlace } from './order-desk.ts';
import { importOrdersCsv, ORDER_CSV_COLUMNS } from './order-import.ts';

// The import around its desk: batches placed as the file streams, errors in file order, an upload
// that breaks off. The desk here answers from a list; the real one is in order-placing.int.test.ts.

const HEADER = ORDER_CSV_COLUMNS.join(',');
const row = (id: string, quantity = '1', product = 'tea') =>
  `${id},2026-04-01T09:00:00Z,EUR,${id.toLowerCase()}@shop.example,,,${product},${quantity},4.50`;
const actor = { kind: 'system', process: 'test' } as const;

/** Places every order but those named in `conflicts`, and records each batch it was given. */
function listDesk(conflicts: readonly string[] = []) {
  const batches: string[][] = [];
  const desk = {
    unknownProducts: async (ids: readonly string[]) => ids.filter((id) => id === 'kettle'),
    placeAll: async (orders: readonly OrderToPlace[]) => {
      batches.push(orders.map((o) => o.orderId));
      return orders.map((o) =>
        conflicts.includes(o.orderId)
          ? { outcome: 'refused' as const, orderId: o.orderId, code: 'ORDER_CONFLICT', reason: 'other content' }
          : { outcome: 'created' as const, orderId: o.orderId, customerId: `customer-of-${o.orderId}` },
      );
    },
  } as unknown as OrderDesk;
  return { desk, batches };
}

async function* chunks(...parts: (string | Error)[]) {
  for (const part of parts) {
    if (part instanceof Error) throw part;
    yield new TextEncoder().encode(part);
  }
}

test('orders are placed a batch at a time, all of a small file in one', async () => {
  const { desk, batches } = listDesk();
  const ids = Array.from({ length: 600 }, (_, n) => `O-${n}`);
  const report = await importOrdersCsv(desk, chunks(`${[HEADER, ...ids.map((id) => row(id))].join('\n')}\n`), {
    actor,
  });
  assert.equal(report.orders, { created: 600, duplicates: 0, refused: 0 });
  assert.equal(
    batches.map((b) => b.length),
    [250, 250, 100],
  );
  assert.equal(batches.flat(), ids, 'in file order');
});

test("a batch's refusals are listed in file order among the rows read after them, within the cap", async () => {
  const { desk } = listDesk(['A']);
  const csv = [HEADER, row('A'), row('B', 'x'), row('C', 'y'), row('D', '1', 'kettle'), row('E', 'z'), ''].join('\n');
  const report = await importOrdersCsv(desk, chunks(csv), { actor, maxErrors: 3 });
  assert.equal(report.orders, { created: 0, duplicates: 0, refused: 5 });
  assert.equal(
    report.errors.map((e) => [e.row, e.orderId, e.column, e.reason.split(':')[0]]),
    [
      [2, 'A', null, 'ORDER_CONFLICT'],
      [3, 'B', 'quantity', 'is not a whole number from 1 to 1000000'],
      [4, 'C', 'quantity', 'is not a whole number from 1 to 1000000'],
    ],
  );
  assert.is(report.errorsTotal, 5);
  assert.is(report.errorsTruncated, true);
});

test('an upload that breaks off: the orders read whole before it are placed, not the one being read', async () => {
  const { desk, batches } = listDesk();
  const cut = new HubError('PAYLOAD_TOO_LARGE', 'an order import is at most 100 bytes');
  const rejected = await importOrdersCsv(desk, chunks(`${HEADER}\n${row('A')}\n${row('B')}\n`, row('C'), cut), {
    actor,
  }).catch((error: unknown) => error);
  assert.is(rejected, cut, 'the break is the answer');
  // More rows of B could have followed: it is the order being read, cut off.
  assert.equal(batches, [['A']]);
});

test.run();
