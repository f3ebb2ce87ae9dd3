import { costChannels, PERCENTILES, RFM_SEGMENTS, WALLET_TIERS } from '@hub/analytics';
import { z } from 'zod';
import { formats, maxRangeDays } from './analytics.schemas.ts';

// The customer-value part of the analyst API: segments, customer value, cost to serve, product
// affinity. Same conventions as analytics.schemas.ts (instants, asOf, format=csv).

const DAY_MS = 24 * 60 * 60 * 1000;
const Instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const asOf = Instant.optional().meta({
  description:
    'the figures as they stood then (default now): orders placed and refunds made by then, facts recorded by then, merges as they stood then',
});
const format = z.enum(formats).default('json').meta({ description: '`csv` answers text/csv, one row per line' });
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
  .optional()
  .meta({
    description: 'the currency measured (default: the one of HUB_ANALYTICS_CHANNEL_COSTS); others are not converted',
  });
const limit = z.coerce.number().int().min(1).max(500).default(50);
const cursor = z.string().max(500).optional().meta({ description: 'the nextCursor of the page before' });

type Ranged = { from: Date; to: Date };
const checkRange = (query: Ranged, context: z.RefinementCtx) => {
  if (!(query.from instanceof Date) || !(query.to instanceof Date)) return;
  if (query.from.getTime() >= query.to.getTime())
    context.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
  else if (query.to.getTime() - query.from.getTime() > maxRangeDays.total * DAY_MS)
    context.addIssue({ code: 'custom', path: ['to'], message: `at most ${maxRangeDays.total} days at once` });
};
const range = {
  from: Instant.meta({ description: 'start of the range (included), an ISO 8601 instant' }),
  to: Instant.meta({ description: 'end of the range (excluded)' }),
};

export const SegmentsQuery = z.object({ asOf, currency, format });
export const SegmentParams = z.object({ segment: z.enum(RFM_SEGMENTS) });
export const SegmentCustomersQuery = z.object({ asOf, currency, format, limit, cursor });
export const CustomerValueQuery = z.object({
  asOf,
  currency,
  format,
  horizonMonths: z.coerce.number().int().min(1).max(120).default(12),
  discount: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.01)
    .meta({ description: 'discount rate per month (0.01 ≈ 12.7% a year)' }),
  bins: z.coerce.number().int().min(1).max(100).default(10).meta({ description: 'histogram bins' }),
});
export const CostToServeQuery = z
  .object({ ...range, asOf, format, groupBy: z.enum(['customer', 'segment']).default('customer'), limit, cursor })
  .superRefine(checkRange);
export const ProductAffinityQuery = z
  .object({
    ...range,
    asOf,
    format,
    minSupport: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.01)
      .meta({ description: 'least share of orders holding a pair' }),
    limit,
  })
  .superRefine(checkRange);

const Money = z.number().meta({ description: 'in the answer’s currency' });
const Segment = z.enum(RFM_SEGMENTS);
const Tier = z.enum(WALLET_TIERS as [string, ...string[]]);

export const SegmentsReport = z.object({
  asOf: z.string(),
  currency: z.string(),
  customers: z.number().int(),
  segments: z.array(
    z.object({
      segment: Segment,
      customers: z.number().int(),
      share: z.number(),
      revenue: Money,
      averageValue: Money.nullable(),
    }),
  ),
});

export const SegmentCustomersPage = z.object({
  asOf: z.string(),
  currency: z.string(),
  segment: Segment,
  customers: z.array(
    z.object({
      customerId: z.string(),
      name: z.string().nullable().meta({ description: 'as agents see it (a merged customer’s is its survivor’s)' }),
      recencyDays: z.number().int(),
      frequency: z.number().int(),
      monetary: Money,
      recencyScore: z.number().int(),
      frequencyScore: z.number().int(),
      monetaryScore: z.number().int(),
      code: z.string(),
      value: Money,
      tier: Tier.nullable().meta({ description: 'null while the value models cannot be fitted' }),
      tierReason: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const Distribution = z.object({
  customers: z.number().int(),
  total: Money,
  mean: Money.nullable(),
  percentiles: z.object(Object.fromEntries(PERCENTILES.map((p) => [`p${p}`, Money.nullable()]))),
  histogram: z.array(z.object({ from: Money, to: Money, customers: z.number().int() })),
});

const Fit = z.object({
  status: z.enum(['fitted', 'insufficient-data']),
  dataAsOf: z.string().meta({ description: 'the models are fitted on the history as of 00:00 UTC of the as-of day' }),
  reason: z
    .string()
    .optional()
    .meta({
      description:
        'why there is no fit: too-few-customers, too-few-repeat-customers, spend-model-unbounded, fit-degenerate ' +
        '(packages/analytics/README.md)',
    }),
  bgNbd: z
    .object({
      model: z.enum(['bg-nbd', 'fixed-dropout', 'nbd']).meta({
        description:
          'bg-nbd: drop-out probability ~ Beta(a, b); where the likelihood runs to a, b → ∞ its limit is fitted instead: ' +
          'fixed-dropout (one drop-out probability for all) or nbd (nobody drops out)',
      }),
      r: z.number(),
      alpha: z.number(),
      a: z.number().nullable().meta({ description: 'null in the limits (a, b → ∞)' }),
      b: z.number().nullable(),
      dropout: z
        .number()
        .nullable()
        .meta({ description: 'the limits’ drop-out probability q (0: nbd); null for bg-nbd' }),
      logLikelihood: z.number(),
      customers: z.number().int(),
      converged: z.boolean(),
    })
    .optional(),
  gammaGamma: z
    .object({
      p: z.number(),
      q: z.number(),
      v: z.number(),
      logLikelihood: z.number(),
      customers: z.number().int(),
      converged: z.boolean(),
    })
    .optional(),
});

export const CustomerValueReport = z.object({
  asOf: z.string(),
  currency: z.string(),
  customers: z.number().int(),
  historic: Distribution,
  predictive: Distribution.extend({
    horizonMonths: z.number().int(),
    monthlyDiscountRate: z.number(),
    probabilityAliveMean: z.number().nullable(),
    fit: Fit,
  }),
  tiers: z.array(
    z.object({
      tier: Tier,
      customers: z.number().int(),
      value: Money,
      potential: Money.meta({ description: 'predictive CLV' }),
    }),
  ),
});

const Contacts = z.object(Object.fromEntries(costChannels.map((c) => [c, z.number().int()])));
const CostFigures = {
  contacts: Contacts,
  totalContacts: z.number().int(),
  handledSeconds: z.number().int(),
  cost: Money,
  value: Money.meta({ description: 'ordered − refunded in the range' }),
  costToValue: z.number().nullable().meta({ description: 'cost / value; null when the value is not positive' }),
};
const Totals = z.object({
  customers: z.number().int(),
  totalContacts: z.number().int(),
  handledSeconds: z.number().int(),
  cost: Money,
  value: Money,
  costToValue: z.number().nullable(),
});

export const CostToServeReport = z.object({
  asOf: z.string(),
  currency: z.string(),
  groupBy: z.enum(['customer', 'segment']),
  totals: Totals,
  customers: z.array(z.object({ customerId: z.string(), name: z.string().nullable(), ...CostFigures })).optional(),
  segments: z.array(z.object({ segment: z.string(), customers: z.number().int(), ...CostFigures })).optional(),
  nextCursor: z.string().nullable(),
});

const Product = z.object({ productId: z.string(), name: z.string().nullable(), category: z.string().nullable() });
const Pair = z.object({
  productA: Product,
  productB: Product,
  orders: z.number().int(),
  support: z.number(),
  confidenceAToB: z.number(),
  confidenceBToA: z.number(),
  lift: z.number(),
  customers: z.number().int(),
  cosine: z.number(),
});
export const ProductAffinityReport = z.object({
  asOf: z.string(),
  orders: z.number().int(),
  customers: z.number().int(),
  products: z.number().int(),
  boughtTogether: z.array(Pair),
  similar: z.array(Pair),
});
