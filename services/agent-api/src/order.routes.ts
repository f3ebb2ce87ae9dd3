import {
  type BuyerSettings,
  buyerIdentifiers,
  type OrderDesk,
  type OrderState,
  type OrderToPlace,
  type PlaceOutcome,
} from '@hub/commerce';
import { HubError } from '@hub/errors';
import { Amount, CommerceId, Currency } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { registerOrderImportRoute } from './order-import.routes.ts';

export interface OrderApiDependencies extends BuyerSettings {
  readonly desk: OrderDesk;
  readonly now: () => Date;
  /** The largest CSV import (50 MB). */
  readonly maxImportBytes?: number;
}

const Instant = z.string().datetime({ offset: true });
const OrderBody = z
  .object({
    orderId: CommerceId,
    placedAt: Instant,
    currency: Currency,
    customer: z.object({
      email: z.string().max(320).optional(),
      phone: z.string().max(64).optional(),
      externalId: z.string().max(256).optional().meta({ description: "the shop's own customer id" }),
      name: z.string().trim().min(1).max(256).optional(),
    }),
    lines: z
      .array(z.object({ productId: CommerceId, quantity: z.number().int().min(1).max(1_000_000), unitAmount: Amount }))
      .min(1)
      .max(1000),
  })
  .meta({ id: 'OrderToPlace' });
type OrderBody = z.infer<typeof OrderBody>;
const Outcome = z
  .object({
    orderId: z.string(),
    outcome: z.enum(['created', 'duplicate', 'refused']),
    customerId: z.string().optional(),
    code: z.string().optional().meta({ description: 'refused: the error code of docs/errors.md' }),
    reason: z.string().optional(),
  })
  .meta({ id: 'OrderOutcome' });
const OrderParams = z.object({ id: CommerceId });
const ReturnBody = z.object({
  returnId: CommerceId.meta({ description: 'your id for this return: sent again, it is recorded once' }),
  lines: z
    .array(z.object({ line: z.number().int().min(1), quantity: z.number().int().min(1).max(1_000_000) }))
    .min(1)
    .max(1000),
  at: Instant.optional().meta({ description: 'when it was returned (default: now)' }),
});
const RefundBody = z.object({
  refundId: CommerceId.meta({ description: 'your id for this refund: sent again, it is recorded once' }),
  amount: Amount,
  at: Instant.optional().meta({ description: 'when it was refunded (default: now)' }),
});
const OrderView = z
  .object({
    orderId: z.string(),
    customerId: z.string(),
    placedAt: z.string(),
    currency: z.string(),
    total: z.string(),
    lines: z.array(
      z.object({
        line: z.number().int(),
        productId: z.string(),
        quantity: z.number().int(),
        unitAmount: z.string(),
        amount: z.string(),
        returned: z.number().int(),
      }),
    ),
    refunded: z.string(),
    revision: z.number().int(),
  })
  .meta({ id: 'Order' });
const Changed = z.object({ changed: z.boolean(), order: OrderView });

const documented = { tags: ['commerce'], security: security.agent } as const;
const write = { onRequest: requirePermission('orders:write') };

/** The order as its stream tells it (fresh right after a change, unlike a read model). */
const viewOf = (state: OrderState, revision: number) => {
  const order = state.order;
  if (!order) throw new HubError('NOT_FOUND', 'no such order');
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    placedAt: order.placedAt,
    currency: order.currency,
    total: order.total,
    lines: order.lines.map((line) => ({ ...line, returned: state.returned[line.line] ?? 0 })),
    refunded: state.refunded,
    revision,
  };
};

/**
 * Orders as commerce facts: placed one at a time or in batches (each order's outcome told), lines
 * returned, refunds; the buyer resolved to a customer as interactions are. Register inside the
 * scope that authenticates.
 */
export async function registerOrderRoutes(scope: FastifyInstance, deps: OrderApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  /** The order as the desk takes it; a buyer whose identifiers do not normalise is refused. */
  const toPlace = (body: OrderBody): OrderToPlace => {
    const buyer = buyerIdentifiers(body.customer, deps);
    if (!buyer.ok) {
      throw new HubError('INVALID_INPUT', `customer.${buyer.field === 'customer' ? '' : buyer.field} ${buyer.reason}`, {
        field: `customer${buyer.field === 'customer' ? '' : `.${buyer.field}`}`,
      });
    }
    const { orderId, placedAt, currency, lines } = body;
    return {
      orderId,
      placedAt,
      currency,
      lines,
      buyer: { identifiers: buyer.identifiers, displayName: body.customer.name ?? null },
    };
  };
  const answer = (outcome: PlaceOutcome) => ({ ...outcome });

  app.post(
    '/v1/orders',
    {
      ...write,
      schema: {
        ...documented,
        summary: 'Place an order: 201 created, 200 when this very order was placed before (nothing written)',
        body: OrderBody,
        response: { 201: Outcome, 200: Outcome, ...problems(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) => {
      const outcome = await deps.desk.place(toPlace(request.body), {
        actor: principalOf(request).actor,
        source: 'api',
      });
      return reply.status(outcome.outcome === 'created' ? 201 : 200).send(answer(outcome));
    },
  );

  app.post(
    '/v1/orders/batch',
    {
      ...write,
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        ...documented,
        summary: "Place up to 1,000 orders; each one's outcome: created, duplicate, or refused with the reason",
        body: z.object({ orders: z.array(OrderBody).min(1).max(1000) }),
        response: {
          200: z.object({
            results: z.array(Outcome),
            totals: z.object({ created: z.number().int(), duplicates: z.number().int(), refused: z.number().int() }),
          }),
          ...problems(400, 401, 403, 413),
        },
      },
    },
    async (request) => {
      const actor = principalOf(request).actor;
      const results: (PlaceOutcome | undefined)[] = [];
      const valid: { at: number; order: OrderToPlace }[] = [];
      for (const [at, body] of request.body.orders.entries()) {
        try {
          valid.push({ at, order: toPlace(body) });
          results.push(undefined);
        } catch (error) {
          if (!(error instanceof HubError)) throw error;
          results.push({ outcome: 'refused', orderId: body.orderId, code: error.code, reason: error.message });
        }
      }
      // The valid ones together: the outcomes of placing them one by one, in a few round trips.
      const placed = await deps.desk.placeAll(
        valid.map((v) => v.order),
        { actor, source: 'api' },
      );
      for (const [i, { at }] of valid.entries()) results[at] = placed[i];
      const told = results.filter((r): r is PlaceOutcome => r !== undefined);
      if (told.length !== results.length) throw new Error('an order of the batch was given no outcome');
      const count = (outcome: PlaceOutcome['outcome']) => told.filter((r) => r.outcome === outcome).length;
      return {
        results: told.map(answer),
        totals: { created: count('created'), duplicates: count('duplicate'), refused: count('refused') },
      };
    },
  );

  app.get(
    '/v1/orders/:id',
    {
      onRequest: requirePermission('orders:read'),
      schema: {
        ...documented,
        summary: 'An order with what was returned of each line and what was refunded',
        params: OrderParams,
        response: { 200: OrderView, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const found = await deps.desk.find(request.params.id);
      if (!found) throw new HubError('NOT_FOUND', `no order ${request.params.id}`);
      return viewOf(found.state, found.revision);
    },
  );

  const changeSchema = <B extends z.ZodType>(summary: string, body: B) => ({
    ...documented,
    summary,
    params: OrderParams,
    body,
    response: { 201: Changed, 200: Changed, ...problems(400, 401, 403, 404, 409) },
  });

  app.post(
    '/v1/orders/:id/returns',
    {
      ...write,
      schema: changeSchema('Lines returned (no more than were bought): 201 recorded, 200 already recorded', ReturnBody),
    },
    async (request, reply) => {
      const { returnId, lines, at } = request.body;
      const result = await deps.desk.returnLines(request.params.id, {
        returnId,
        lines,
        at: at ?? deps.now().toISOString(),
        actor: principalOf(request).actor,
      });
      return reply
        .status(result.changed ? 201 : 200)
        .send({ changed: result.changed, order: viewOf(result.state, result.revision) });
    },
  );

  app.post(
    '/v1/orders/:id/refunds',
    {
      ...write,
      schema: changeSchema('A refund (no more than was paid): 201 recorded, 200 already recorded', RefundBody),
    },
    async (request, reply) => {
      const { refundId, amount, at } = request.body;
      const result = await deps.desk.refund(request.params.id, {
        refundId,
        amount,
        at: at ?? deps.now().toISOString(),
        actor: principalOf(request).actor,
      });
      return reply
        .status(result.changed ? 201 : 200)
        .send({ changed: result.changed, order: viewOf(result.state, result.revision) });
    },
  );

  await registerOrderImportRoute(scope, deps);
}
