import {
  type ChannelCosts,
  type CostCursor,
  type CustomerValueReader,
  costChannels,
  createCustomerValueReader,
  type MemberCursor,
  readCostByCustomer,
  readCostBySegment,
  readProductAffinity,
  type ValueFit,
  type ValueFitCache,
} from '@hub/analytics';
import { HubError } from '@hub/errors';
import type { ZodTypeProvider } from '@hub/http';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { reportSchema, reportsRead, sendCsv } from './analytics-report.ts';
import {
  CostToServeQuery,
  CostToServeReport,
  CustomerValueQuery,
  CustomerValueReport,
  ProductAffinityQuery,
  ProductAffinityReport,
  SegmentCustomersPage,
  SegmentCustomersQuery,
  SegmentParams,
  SegmentsQuery,
  SegmentsReport,
} from './analytics-value.schemas.ts';
import { customerNamesOf } from './customer-names.ts';

export interface AnalyticsValueDependencies {
  readonly readModels: SqlExecutor;
  /** HUB_ANALYTICS_CHANNEL_COSTS; its currency is the default currency measured. */
  readonly channelCosts: ChannelCosts;
  readonly now?: () => Date;
  /** The fits kept between requests (one per process by default). */
  readonly fitCache?: ValueFitCache;
}

const read = reportsRead;
const schemaOf = <Query extends z.ZodType, Report extends z.ZodType>(
  summary: string,
  querystring: Query,
  report: Report,
) =>
  reportSchema(
    summary,
    'Computed at query time from the commerce read model and the analytics facts (packages/analytics/README.md, ' +
      '"Customer value", defines each figure).',
    querystring,
    report,
  );
const csv = sendCsv;

const flat = (contacts: Record<string, number>) =>
  Object.fromEntries(Object.entries(contacts).map(([channel, n]) => [`contacts_${channel}`, n]));
const costColumns = [
  ...costChannels.map((channel) => `contacts_${channel}`),
  'totalContacts',
  'handledSeconds',
  'cost',
  'value',
  'costToValue',
];
const memberColumns = [
  'customerId',
  'recencyDays',
  'frequency',
  'monetary',
  'recencyScore',
  'frequencyScore',
  'monetaryScore',
  'code',
  'value',
  'tier',
  'tierReason',
  'name',
];
const pairColumns = [
  'productA',
  'nameA',
  'productB',
  'nameB',
  'orders',
  'support',
  'confidenceAToB',
  'confidenceBToA',
  'lift',
  'customers',
  'cosine',
];

const encodeCursor = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeCursor<T>(cursor: string | undefined, valid: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!valid(value)) throw new HubError('INVALID_INPUT', 'invalid cursor: pass the nextCursor of the page before');
  return value;
}

const isKeyset =
  <K extends string>(key: K) =>
  (value: unknown): value is Record<K, number> & { customerId: string } =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[key] === 'number' &&
    typeof (value as Record<string, unknown>).customerId === 'string';

/** The fit as the answer shows it: parameters and log-likelihoods, or why there are none. */
const fitView = (fit: ValueFit) =>
  fit.status === 'fitted'
    ? {
        status: fit.status,
        dataAsOf: fit.dataAsOf,
        bgNbd: {
          model: fit.bgNbd.model,
          r: fit.bgNbd.parameters.r,
          alpha: fit.bgNbd.parameters.alpha,
          ...(fit.bgNbd.model === 'bg-nbd'
            ? { a: fit.bgNbd.parameters.a, b: fit.bgNbd.parameters.b, dropout: null }
            : { a: null, b: null, dropout: fit.bgNbd.parameters.dropout }),
          logLikelihood: fit.bgNbd.logLikelihood,
          customers: fit.bgNbd.customers,
          converged: fit.bgNbd.converged,
        },
        gammaGamma: {
          ...fit.gammaGamma.parameters,
          logLikelihood: fit.gammaGamma.logLikelihood,
          customers: fit.gammaGamma.customers,
          converged: fit.gammaGamma.converged,
        },
      }
    : { status: fit.status, dataAsOf: fit.dataAsOf, reason: fit.reason };

/** Segments, customer value, cost to serve and product affinity. Register inside the scope that authenticates. */
export async function registerAnalyticsValueRoutes(scope: FastifyInstance, deps: AnalyticsValueDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = deps.readModels;
  const now = deps.now ?? (() => new Date());
  const values: CustomerValueReader = createCustomerValueReader(db, {
    ...(deps.fitCache ? { fitCache: deps.fitCache } : {}),
  });
  const currencyOf = (q: { currency?: string | undefined }) => q.currency ?? deps.channelCosts.currency;

  app.get(
    '/v1/analytics/segments',
    {
      ...read,
      schema: schemaOf(
        'RFM segments: customers, net revenue and average value per segment',
        SegmentsQuery,
        SegmentsReport,
      ),
    },
    async (request, reply) => {
      const q = request.query;
      const asOf = q.asOf ?? now();
      const currency = currencyOf(q);
      const report = await values.segments({ asOf, currency });
      if (q.format === 'csv')
        return csv(reply, 'segments', report.segments, ['segment', 'customers', 'share', 'revenue', 'averageValue']);
      return { asOf: asOf.toISOString(), currency, ...report };
    },
  );

  app.get(
    '/v1/analytics/segments/:segment/customers',
    {
      ...read,
      schema: {
        ...schemaOf(
          "A segment's customers, highest value first: RFM scores, value, share-of-wallet tier",
          SegmentCustomersQuery,
          SegmentCustomersPage,
        ),
        params: SegmentParams,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { segment } = request.params;
      const asOf = q.asOf ?? now();
      const currency = currencyOf(q);
      const after = decodeCursor<MemberCursor>(q.cursor, isKeyset('value'));
      const page = await values.segmentMembers({
        asOf,
        currency,
        segment,
        limit: q.limit,
        ...(after ? { after } : {}),
      });
      const names = await customerNamesOf(
        db,
        page.members.map((m) => m.customerId),
      );
      const customers = page.members.map((m) => ({ ...m, name: names.get(m.customerId) ?? null }));
      if (q.format === 'csv') return csv(reply, `segment-${segment}`, customers, memberColumns);
      return {
        asOf: asOf.toISOString(),
        currency,
        segment,
        customers,
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get(
    '/v1/analytics/customer-value',
    {
      ...read,
      schema: schemaOf(
        'Customer lifetime value: historic and predictive (BG/NBD + Gamma–Gamma, fitted here), share-of-wallet tiers',
        CustomerValueQuery,
        CustomerValueReport,
      ),
    },
    async (request, reply) => {
      const q = request.query;
      const asOf = q.asOf ?? now();
      const currency = currencyOf(q);
      const report = await values.customerValue({
        asOf,
        currency,
        horizonMonths: q.horizonMonths,
        monthlyDiscountRate: q.discount,
        bins: q.bins,
      });
      if (q.format === 'csv') {
        // As CSV: both histograms, one bin a line.
        const rows = [
          ...report.historic.histogram.map((bin) => ({ distribution: 'historic', ...bin })),
          ...report.predictive.histogram.map((bin) => ({ distribution: 'predictive', ...bin })),
        ];
        return csv(reply, 'customer-value', rows, ['distribution', 'from', 'to', 'customers']);
      }
      return {
        asOf: asOf.toISOString(),
        currency,
        ...report,
        predictive: {
          ...report.predictive,
          horizonMonths: q.horizonMonths,
          monthlyDiscountRate: q.discount,
          fit: fitView(report.predictive.fit),
        },
      };
    },
  );

  app.get(
    '/v1/analytics/cost-to-serve',
    {
      ...read,
      schema: schemaOf(
        'Cost to serve per customer (costliest first) or RFM segment: contacts per channel, handled time, cost, value',
        CostToServeQuery,
        CostToServeReport,
      ),
    },
    async (request, reply) => {
      const q = request.query;
      const asOf = q.asOf ?? now();
      const range = { from: q.from, to: q.to, asOf };
      const costs = deps.channelCosts;
      const head = { asOf: asOf.toISOString(), currency: costs.currency, groupBy: q.groupBy };
      if (q.groupBy === 'segment') {
        const report = await readCostBySegment(db, values, range, costs);
        if (q.format === 'csv')
          return csv(
            reply,
            'cost-to-serve-segments',
            report.segments.map(({ segment, customers, contacts, ...figures }) => ({
              segment,
              customers,
              ...flat(contacts),
              ...figures,
            })),
            ['segment', 'customers', ...costColumns],
          );
        return { ...head, ...report, nextCursor: null };
      }
      const after = decodeCursor<CostCursor>(q.cursor, isKeyset('cost'));
      const page = await readCostByCustomer(db, range, costs, { limit: q.limit, ...(after ? { after } : {}) });
      const names = await customerNamesOf(
        db,
        page.customers.map((c) => c.customerId),
      );
      const customers = page.customers.map((c) => ({ ...c, name: names.get(c.customerId) ?? null }));
      if (q.format === 'csv')
        return csv(
          reply,
          'cost-to-serve',
          customers.map(({ customerId, name, contacts, ...figures }) => ({
            customerId,
            name,
            ...flat(contacts),
            ...figures,
          })),
          ['customerId', 'name', ...costColumns],
        );
      return { ...head, totals: page.totals, customers, nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/v1/analytics/product-affinity',
    {
      ...read,
      schema: schemaOf(
        'Products bought together (support, confidence, lift) and similar by customers (cosine)',
        ProductAffinityQuery,
        ProductAffinityReport,
      ),
    },
    async (request, reply) => {
      const q = request.query;
      const asOf = q.asOf ?? now();
      const report = await readProductAffinity(db, {
        from: q.from,
        to: q.to,
        asOf,
        minSupport: q.minSupport,
        limit: q.limit,
      });
      if (q.format === 'csv') {
        const rows = report.boughtTogether.map(({ productA, productB, ...figures }) => ({
          productA: productA.productId,
          nameA: productA.name,
          productB: productB.productId,
          nameB: productB.name,
          ...figures,
        }));
        return csv(reply, 'product-affinity', rows, pairColumns);
      }
      return { asOf: asOf.toISOString(), ...report };
    },
  );
}
