import type { OrderDesk } from '@hub/commerce';
import { listProducts } from '@hub/commerce';
import { CommerceId } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';

export interface ProductApiDependencies {
  readonly desk: OrderDesk;
  readonly readModels: SqlExecutor;
  readonly now: () => Date;
}

const ProductFields = z.object({
  name: z.string().trim().min(1).max(500),
  category: z.string().trim().min(1).max(200).nullable().default(null),
});
const ProductParams = z.object({ id: CommerceId });
const ProductBatch = z.object({
  products: z
    .array(ProductFields.extend({ productId: CommerceId }))
    .min(1)
    .max(1000),
});
const Defined = z.object({
  productId: z.string(),
  changed: z.boolean().meta({ description: 'false: the product already read so; nothing was written' }),
  revision: z.number().int(),
});
const ListQuery = z.object({
  after: CommerceId.optional().meta({ description: 'the last product id of the previous page (its nextCursor)' }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const Product = z
  .object({ productId: z.string(), name: z.string(), category: z.string().nullable(), updatedAt: z.string() })
  .meta({ id: 'Product' });

const documented = { tags: ['commerce'], security: security.agent } as const;
const write = { onRequest: requirePermission('orders:write'), bodyLimit: 1024 * 1024 };
const read = { onRequest: requirePermission('orders:read') };

/**
 * The product reference list orders name (id, name, category): each product an aggregate of its
 * own; a definition sent again changes nothing. Register inside the scope that authenticates.
 */
export async function registerProductRoutes(scope: FastifyInstance, deps: ProductApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const define = (
    actor: ReturnType<typeof principalOf>['actor'],
    product: z.infer<typeof ProductBatch>['products'][number],
  ) => deps.desk.defineProduct({ ...product, actor, at: deps.now().toISOString() });

  app.put(
    '/v1/products/:id',
    {
      ...write,
      schema: {
        ...documented,
        summary: 'Define a product of the reference list, or change its name or category',
        params: ProductParams,
        body: ProductFields,
        response: { 200: Defined, ...problems(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const product = { productId: request.params.id, ...request.body };
      return { productId: product.productId, ...(await define(principalOf(request).actor, product)) };
    },
  );

  app.put(
    '/v1/products',
    {
      ...write,
      schema: {
        ...documented,
        summary: 'Define or change up to 1,000 products at once (a whole catalogue re-sent changes nothing)',
        body: ProductBatch,
        response: { 200: z.object({ products: z.array(Defined) }), ...problems(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const actor = principalOf(request).actor;
      const products = [];
      for (const product of request.body.products) {
        products.push({ productId: product.productId, ...(await define(actor, product)) });
      }
      return { products };
    },
  );

  app.get(
    '/v1/products',
    {
      ...read,
      schema: {
        ...documented,
        summary: 'The product reference list by id, a page at a time',
        querystring: ListQuery,
        response: {
          200: z.object({ products: z.array(Product), nextCursor: z.string().nullable() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const products = await listProducts(deps.readModels, { after, limit });
      return { products, nextCursor: products.length === limit ? (products.at(-1)?.productId ?? null) : null };
    },
  );
}
