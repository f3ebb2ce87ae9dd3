// Product affinity, pure: pairs bought in one order (support, confidence, lift) and item–item
// cosine similarity over the customers who bought each product.

export interface PurchasedLine {
  readonly orderId: string;
  /** The customer the order counts for (the survivor of a merge). */
  readonly customerId: string;
  readonly productId: string;
}

export interface ProductPair {
  readonly productA: string;
  readonly productB: string;
  /** Orders holding both. */
  readonly orders: number;
  /** orders / all orders. */
  readonly support: number;
  /** P(B | A): orders with both / orders with A. */
  readonly confidenceAToB: number;
  readonly confidenceBToA: number;
  /** support(A, B) / (support(A) · support(B)); 1 is independence. */
  readonly lift: number;
  /** Customers who bought both. */
  readonly customers: number;
  /** customers(A ∩ B) / √(customers(A) · customers(B)): cosine of the customer–product 0/1 vectors. */
  readonly cosine: number;
}

export interface AffinityReport {
  readonly orders: number;
  readonly customers: number;
  readonly products: number;
  /** Pairs bought together with support >= minSupport: lift, then support, then ids. */
  readonly boughtTogether: ProductPair[];
  /** Pairs bought by a common customer: cosine, then customers, then ids. */
  readonly similar: ProductPair[];
}

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;
const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Count each unordered pair once per group (an order, a customer). */
function countPairs(groups: Iterable<Set<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const products of groups) {
    const sorted = [...products].sort();
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) {
        const key = pairKey(sorted[i] as string, sorted[j] as string);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  }
  return counts;
}

function groupBy(lines: readonly PurchasedLine[], key: (line: PurchasedLine) => string): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const line of lines) {
    const id = key(line);
    let products = groups.get(id);
    if (!products) {
      products = new Set();
      groups.set(id, products);
    }
    products.add(line.productId);
  }
  return groups;
}

function countProducts(groups: Map<string, Set<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const products of groups.values())
    for (const product of products) counts.set(product, (counts.get(product) ?? 0) + 1);
  return counts;
}

export function productAffinity(
  lines: readonly PurchasedLine[],
  options: { readonly minSupport: number; readonly limit: number },
): AffinityReport {
  const orders = groupBy(lines, (line) => line.orderId);
  const customers = groupBy(lines, (line) => line.customerId);
  const ordersWith = countProducts(orders);
  const customersWith = countProducts(customers);
  const together = countPairs(orders.values());
  const shared = countPairs(customers.values());
  const n = orders.size;
  const pairOf = (key: string): ProductPair => {
    const [a, b] = key.split('\u0000') as [string, string];
    const both = together.get(key) ?? 0;
    const withA = ordersWith.get(a) ?? 0;
    const withB = ordersWith.get(b) ?? 0;
    const common = shared.get(key) ?? 0;
    return {
      productA: a,
      productB: b,
      orders: both,
      support: round(both / n),
      confidenceAToB: round(both / withA),
      confidenceBToA: round(both / withB),
      lift: round((both * n) / (withA * withB)),
      customers: common,
      cosine: round(common / Math.sqrt((customersWith.get(a) ?? 0) * (customersWith.get(b) ?? 0))),
    };
  };
  const byIds = (x: ProductPair, y: ProductPair) =>
    x.productA < y.productA ? -1 : x.productA > y.productA ? 1 : x.productB < y.productB ? -1 : 1;
  const boughtTogether = [...together.keys()]
    .map(pairOf)
    .filter((pair) => pair.orders / n >= options.minSupport)
    .sort((x, y) => y.lift - x.lift || y.support - x.support || byIds(x, y))
    .slice(0, options.limit);
  const similar = [...shared.keys()]
    .map(pairOf)
    .sort((x, y) => y.cosine - x.cosine || y.customers - x.customers || byIds(x, y))
    .slice(0, options.limit);
  return { orders: n, customers: customers.size, products: ordersWith.size, boughtTogether, similar };
}
