// The orders of `pnpm bench:replay`'s history: a catalogue of 40 products in 8 categories (with
// the first customer), then up to three orders a customer with one to three lines each, in the
// weeks after their first contact; one order in ten is refunded in part, one in twenty has a line
// returned. Deterministic, with the ids the commerce API derives from the shop's ids.
import type { StreamAppend } from '@hub/event-store';
import { type DomainEvent, encodeEvent, orderStream, productStream } from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import type { OrderHistory } from './replay-history.ts';
import { pick } from './replay-history.ts';

const PRODUCTS = 40;
const DAY = 24 * 3_600_000;
const shop = { kind: 'system' as const, process: 'bench-shop' };
const productId = (p: number) => `P-${p}`;
const priceOf = (p: number) => 5 + ((p * 37) % 200);

const append = (streamId: string, events: DomainEvent[], at: Date): StreamAppend => ({
  streamId,
  events: events.map((event, n) =>
    encodeEvent(event, { id: uuidV5(`bench-commerce:${streamId}:${n}`), occurredAt: at }),
  ),
});

export const orderHistory: OrderHistory = (c, customer, firstContact) => {
  const appends: StreamAppend[] = [];
  if (c === 0) {
    for (let p = 0; p < PRODUCTS; p++) {
      appends.push(
        append(
          productStream(productId(p)),
          [
            {
              type: 'ProductDefined',
              data: {
                productId: productId(p),
                name: `Product ${p}`,
                category: `category-${p % 8}`,
                actor: shop,
                at: firstContact.toISOString(),
              },
            },
          ],
          firstContact,
        ),
      );
    }
  }
  const orders = pick(c, 40, 4);
  for (let o = 0; o < orders; o++) {
    const orderId = `SO-${c}-${o}`;
    const placedAt = new Date(firstContact.getTime() + (1 + pick(c, 41 + o, 120)) * DAY);
    const lines = Array.from({ length: 1 + pick(c, 44 + o, 3) }, (_, l) => {
      const product = (pick(c, 47 + o * 3 + l, PRODUCTS) + l) % PRODUCTS;
      const quantity = 1 + pick(c, 60 + o * 3 + l, 3);
      return {
        line: l + 1,
        productId: productId(product),
        quantity,
        unitAmount: `${priceOf(product)}.00`,
        amount: `${priceOf(product) * quantity}.00`,
      };
    });
    const total = lines.reduce((sum, line) => sum + Number.parseFloat(line.amount), 0);
    const events: DomainEvent[] = [
      {
        type: 'OrderPlaced',
        data: {
          orderId,
          customerId: customer,
          placedAt: placedAt.toISOString(),
          currency: 'EUR',
          lines,
          total: `${total}.00`,
          source: 'api',
          actor: shop,
        },
      },
    ];
    const after = new Date(placedAt.getTime() + 3 * DAY).toISOString();
    if (pick(c, 80 + o, 20) === 0) {
      const first = lines[0] as (typeof lines)[number];
      events.push({
        type: 'OrderLinesReturned',
        data: {
          orderId,
          customerId: customer,
          returnId: `R-${orderId}`,
          lines: [{ line: 1, productId: first.productId, quantity: 1, amount: first.unitAmount }],
          amount: first.unitAmount,
          at: after,
          actor: shop,
        },
      });
    } else if (pick(c, 90 + o, 10) === 0) {
      events.push({
        type: 'OrderRefunded',
        data: { orderId, customerId: customer, refundId: `F-${orderId}`, amount: '5.00', at: after, actor: shop },
      });
    }
    appends.push(append(orderStream(orderId), events, placedAt));
  }
  return appends;
};
