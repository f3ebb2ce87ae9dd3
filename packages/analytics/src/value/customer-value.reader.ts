import { RFM_SEGMENTS, type RfmScore, type RfmSegment, type WalletTier } from '@hub/customer-value';
import type { SqlExecutor } from '@hub/sql';
import { type CustomerValue, type PredictionSettings, valueCustomers } from './customer-values.ts';
import { type Distribution, distributionOf } from './value-distribution.ts';
import { DEFAULT_FIT_MINIMUMS, type FitMinimums, fitInstantOf, fitValueModels, type ValueFit } from './value-fit.ts';
import { createValueFitCache, type ValueFitCache } from './value-fit-cache.ts';
import { money, readValuePopulation } from './value-population.ts';

// Segments, segment members and customer value as of an instant, computed at query time from the
// commerce read model and the merge map.

export interface ValueQuery {
  readonly asOf: Date;
  readonly currency: string;
}

export interface SegmentRow {
  readonly segment: RfmSegment;
  readonly customers: number;
  /** Share of the customers measured. */
  readonly share: number;
  /** Net revenue (ordered − refunded) of the segment's customers. */
  readonly revenue: number;
  readonly averageValue: number | null;
}

/** A segment's customer: their RFM figures (without the segment, which the query names) and value. */
export interface SegmentMember
  extends Pick<
    RfmScore,
    | 'customerId'
    | 'recencyDays'
    | 'frequency'
    | 'monetary'
    | 'recencyScore'
    | 'frequencyScore'
    | 'monetaryScore'
    | 'code'
  > {
  readonly value: number;
  readonly tier: WalletTier | null;
  readonly tierReason: string | null;
}

export interface CustomerValueReport {
  readonly customers: number;
  readonly historic: Distribution;
  readonly predictive: Distribution & {
    readonly probabilityAliveMean: number | null;
    readonly fit: ValueFit;
  };
  readonly tiers: {
    readonly tier: WalletTier;
    readonly customers: number;
    readonly value: number;
    readonly potential: number;
  }[];
}

export const WALLET_TIERS: readonly WalletTier[] = ['invest-high', 'invest-medium', 'invest-none'];

/** The keyset of a segment page: value descending, then customer id. */
export interface MemberCursor {
  readonly value: number;
  readonly customerId: string;
}

const DEFAULT_PREDICTION: PredictionSettings = { horizonMonths: 12, monthlyDiscountRate: 0.01 };

export interface CustomerValueReaderSettings {
  readonly fitCache?: ValueFitCache;
  readonly fitMinimums?: FitMinimums;
}

export function createCustomerValueReader(db: SqlExecutor, settings: CustomerValueReaderSettings = {}) {
  const cache = settings.fitCache ?? createValueFitCache();
  const minimums = settings.fitMinimums ?? DEFAULT_FIT_MINIMUMS;

  const fitFor = (query: ValueQuery): Promise<ValueFit> => {
    const instant = fitInstantOf(query.asOf);
    return cache.fitOf(instant, query.currency, async () =>
      fitValueModels(await readValuePopulation(db, { asOf: instant, currency: query.currency }), instant, minimums),
    );
  };

  async function valuesOf(query: ValueQuery, prediction: PredictionSettings, withFit: boolean) {
    const [population, fit] = await Promise.all([
      readValuePopulation(db, query),
      withFit ? fitFor(query) : Promise.resolve(null),
    ]);
    return { customers: valueCustomers(population, query.asOf, fit, prediction), fit };
  }

  return {
    /** Every RFM segment (empty ones too), in the order of `RFM_SEGMENTS`. */
    async segments(query: ValueQuery): Promise<{ customers: number; segments: SegmentRow[] }> {
      const { customers } = await valuesOf(query, DEFAULT_PREDICTION, false);
      const rows = RFM_SEGMENTS.map((segment) => {
        const members = customers.filter((c) => c.rfm.segment === segment);
        const revenue = members.reduce((sum, c) => sum + c.netValue, 0);
        return {
          segment,
          customers: members.length,
          share: customers.length === 0 ? 0 : members.length / customers.length,
          revenue: money(revenue),
          averageValue: members.length === 0 ? null : money(revenue / members.length),
        };
      });
      return { customers: customers.length, segments: rows };
    },

    /** A segment's members, highest value first, a keyset page after `after`. */
    async segmentMembers(
      query: ValueQuery & { readonly segment: RfmSegment; readonly after?: MemberCursor; readonly limit: number },
    ): Promise<{ members: SegmentMember[]; next: MemberCursor | null; fit: ValueFit }> {
      const { customers, fit } = await valuesOf(query, DEFAULT_PREDICTION, true);
      const after = query.after;
      const ordered = customers
        .filter((c) => c.rfm.segment === query.segment)
        .sort((a, b) => b.netValue - a.netValue || (a.customerId < b.customerId ? -1 : 1))
        .filter(
          (c) => !after || c.netValue < after.value || (c.netValue === after.value && c.customerId > after.customerId),
        );
      const page = ordered.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        members: page.map(memberOf),
        next: last && ordered.length > query.limit ? { value: last.netValue, customerId: last.customerId } : null,
        fit: fit as ValueFit,
      };
    },

    async customerValue(
      query: ValueQuery & PredictionSettings & { readonly bins: number },
    ): Promise<CustomerValueReport> {
      const { customers, fit } = await valuesOf(query, query, true);
      const predicted = customers.filter((c) => c.predictive !== null);
      const alive = predicted.map((c) => c.predictive?.probabilityAlive as number);
      return {
        customers: customers.length,
        historic: distributionOf(
          customers.map((c) => c.netValue),
          query.bins,
        ),
        predictive: {
          ...distributionOf(
            predicted.map((c) => c.predictive?.clv as number),
            query.bins,
          ),
          probabilityAliveMean: alive.length === 0 ? null : alive.reduce((s, p) => s + p, 0) / alive.length,
          fit: fit as ValueFit,
        },
        tiers: WALLET_TIERS.map((tier) => {
          const members = customers.filter((c) => c.tier?.tier === tier);
          return {
            tier,
            customers: members.length,
            value: money(members.reduce((sum, c) => sum + c.netValue, 0)),
            potential: money(members.reduce((sum, c) => sum + (c.predictive?.clv ?? 0), 0)),
          };
        }),
      };
    },

    /** Each customer's segment at the instant (for cost to serve by segment). */
    async segmentsOf(query: ValueQuery): Promise<Map<string, CustomerValue>> {
      const { customers } = await valuesOf(query, DEFAULT_PREDICTION, false);
      return new Map(customers.map((c) => [c.customerId, c]));
    },
  };
}

export type CustomerValueReader = ReturnType<typeof createCustomerValueReader>;

const memberOf = (c: CustomerValue): SegmentMember => ({
  customerId: c.customerId,
  recencyDays: c.rfm.recencyDays,
  frequency: c.rfm.frequency,
  monetary: c.rfm.monetary,
  recencyScore: c.rfm.recencyScore,
  frequencyScore: c.rfm.frequencyScore,
  monetaryScore: c.rfm.monetaryScore,
  code: c.rfm.code,
  value: c.netValue,
  tier: c.tier?.tier ?? null,
  tierReason: c.tier?.reason ?? null,
});
