import { givenFor } from '@hub/decider/testing';
import type { DomainEventOf } from '@hub/events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fromUnits, sumAmounts, toUnits } from './money.ts';
import { type OrderEvent, orderDecider, type PlaceOrder } from './order.decider.ts';

const given = givenFor(orderDecider);
const actor = { kind: 'system', process: 'shop' } as const;
const customerId = '6f1f7c1e-8a52-4d6c-9a57-3c3c8f0b9a11';
const place: PlaceOrder = {
  kind: 'PlaceOrder',
  orderId: 'SO-1001',
  customerId,
  placedAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  lines: [
    { productId: 'tea', quantity: 2, unitAmount: '4.5' },
    { productId: 'cup', quantity: 1, unitAmount: '12.00' },
  ],
  source: 'api',
  actor,
};
const placed: DomainEventOf<'OrderPlaced'> = {
  type: 'OrderPlaced',
  data: {
    orderId: 'SO-1001',
    customerId,
    placedAt: '2026-03-01T10:00:00Z',
    currency: 'EUR',
    lines: [
      { line: 1, productId: 'tea', quantity: 2, unitAmount: '4.50', amount: '9.00' },
      { line: 2, productId: 'cup', quantity: 1, unitAmount: '12.00', amount: '12.00' },
    ],
    total: '21.00',
    source: 'api',
    actor,
  },
};
const at = '2026-03-05T09:00:00Z';
const returned = (returnId: string, line: number, quantity: number, amount: string): OrderEvent => ({
  type: 'OrderLinesReturned',
  data: {
    orderId: 'SO-1001',
    customerId,
    returnId,
    lines: [{ line, productId: line === 1 ? 'tea' : 'cup', quantity, amount }],
    amount,
    at,
    actor,
  },
});
const refunded = (refundId: string, amount: string): OrderEvent => ({
  type: 'OrderRefunded',
  data: { orderId: 'SO-1001', customerId, refundId, amount, at, actor },
});

test('amounts are exact decimals, written one canonical way', () => {
  assert.is(sumAmounts(['0.1', '0.2']), '0.30');
  assert.is(fromUnits(toUnits('12.3456')), '12.3456');
  assert.is(fromUnits(toUnits('1200')), '1200.00');
  assert.is(fromUnits(toUnits('0.125')), '0.125');
});

test('an order is placed with its lines, amounts and total worked out', () => {
  given([]).when(place).thenEvents([placed]);
});

test('the same order again changes nothing (a duplicate), however its amounts are written', () => {
  given([placed]).when(place).thenEvents([]);
  const sameInOtherWords = {
    ...place,
    placedAt: '2026-03-01T13:30:00+03:30',
    lines: place.lines.map((l) => ({ ...l, unitAmount: `${l.unitAmount}0` })),
  };
  given([placed]).when(sameInOtherWords).thenEvents([]);
});

test('the same order id with other content is a conflict', () => {
  given([placed])
    .when({ ...place, lines: [{ productId: 'tea', quantity: 3, unitAmount: '4.50' }] })
    .thenRefuses('ORDER_CONFLICT', /SO-1001 was already placed with other content/);
  given([placed])
    .when({ ...place, currency: 'USD' })
    .thenRefuses('ORDER_CONFLICT');
});

test('lines are returned no more than were bought, over several returns', () => {
  const first = { kind: 'ReturnOrderLines', returnId: 'R1', lines: [{ line: 1, quantity: 1 }], at, actor } as const;
  given([placed])
    .when(first)
    .thenEvents([returned('R1', 1, 1, '4.50')]);
  given([placed, returned('R1', 1, 1, '4.50')])
    .when(first)
    .thenEvents([]);
  given([placed, returned('R1', 1, 1, '4.50')])
    .when({ ...first, returnId: 'R2', lines: [{ line: 1, quantity: 2 }] })
    .thenRefuses('ORDER_CONFLICT', /2 to return but only 1 of 2 bought/);
  given([placed])
    .when({
      ...first,
      lines: [
        { line: 1, quantity: 1 },
        { line: 1, quantity: 2 },
      ],
    })
    .thenRefuses('ORDER_CONFLICT');
  given([placed])
    .when({ ...first, lines: [{ line: 3, quantity: 1 }] })
    .thenRefuses('INVALID_INPUT', /no line 3/);
  given([placed, returned('R1', 1, 1, '4.50')])
    .when({ ...first, lines: [{ line: 2, quantity: 1 }] })
    .thenRefuses('ORDER_CONFLICT', /R1 was already recorded with other lines/);
});

test('refunds are no more than was paid', () => {
  const refund = { kind: 'RefundOrder', refundId: 'F1', amount: '20', at, actor } as const;
  given([placed])
    .when(refund)
    .thenEvents([refunded('F1', '20.00')]);
  given([placed, refunded('F1', '20.00')])
    .when(refund)
    .thenEvents([]);
  given([placed, refunded('F1', '20.00')])
    .when({ ...refund, refundId: 'F2', amount: '1.01' })
    .thenRefuses('ORDER_CONFLICT', /only 1.00 of 21.00 paid/);
  given([placed, refunded('F1', '20.00')])
    .when({ ...refund, refundId: 'F2', amount: '1' })
    .thenEvents([refunded('F2', '1.00')]);
  given([placed])
    .when({ ...refund, amount: '0.00' })
    .thenRefuses('INVALID_INPUT');
  given([placed, refunded('F1', '20.00')])
    .when({ ...refund, amount: '5' })
    .thenRefuses('ORDER_CONFLICT');
});

test('returns and refunds of an order never placed: NOT_FOUND', () => {
  given([]).when({ kind: 'RefundOrder', refundId: 'F1', amount: '1', at, actor }).thenRefuses('NOT_FOUND');
});

test.run();
