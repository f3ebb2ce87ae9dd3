import type { SqlExecutor } from '@hub/sql';
import { type AffinityReport, type ProductPair, productAffinity } from './product-affinity.ts';
import { survivorsAt } from './value-population.ts';

export interface ProductRef {
  readonly productId: string;
  readonly name: string | null;
  readonly category: string | null;
}

export interface NamedPair extends Omit<ProductPair, 'productA' | 'productB'> {
  readonly productA: ProductRef;
  readonly productB: ProductRef;
}

export interface ProductAffinityReport extends Omit<AffinityReport, 'boughtTogether' | 'similar'> {
  readonly boughtTogether: NamedPair[];
  readonly similar: NamedPair[];
}

/**
 * Order lines of the orders placed in [from, to) and by `asOf` (returns do not undo a purchase),
 * customers as the merge map stood at `asOf`; products named from the product list. The range is
 * read through the orders' (placed_at) index, each order's lines by their primary key.
 */
export async function readProductAffinity(
  db: SqlExecutor,
  query: {
    readonly from: Date;
    readonly to: Date;
    readonly asOf: Date;
    readonly minSupport: number;
    readonly limit: number;
  },
): Promise<ProductAffinityReport> {
  const [lines, survivorOf] = await Promise.all([
    db.query<{ order_id: string; customer_id: string; product_id: string }>(
      `SELECT o.order_id, o.customer_id, l.product_id
         FROM commerce.orders o JOIN commerce.order_lines l ON l.order_id = o.order_id
        WHERE o.placed_at >= $1 AND o.placed_at < $2 AND o.placed_at <= $3`,
      [query.from, query.to, query.asOf],
    ),
    survivorsAt(db, query.asOf),
  ]);
  const report = productAffinity(
    lines.map((line) => ({
      orderId: line.order_id,
      customerId: survivorOf(line.customer_id),
      productId: line.product_id,
    })),
    query,
  );
  const ids = [...new Set([...report.boughtTogether, ...report.similar].flatMap((p) => [p.productA, p.productB]))];
  const products =
    ids.length === 0
      ? []
      : await db.query<{ product_id: string; name: string; category: string | null }>(
          'SELECT product_id, name, category FROM commerce.products WHERE product_id = ANY($1::text[])',
          [ids],
        );
  const byId = new Map(products.map((p) => [p.product_id, { name: p.name, category: p.category }]));
  const ref = (productId: string): ProductRef => ({
    productId,
    name: byId.get(productId)?.name ?? null,
    category: byId.get(productId)?.category ?? null,
  });
  const named = (pair: ProductPair): NamedPair => ({
    ...pair,
    productA: ref(pair.productA),
    productB: ref(pair.productB),
  });
  return { ...report, boughtTogether: report.boughtTogether.map(named), similar: report.similar.map(named) };
}
