export { RFM_SEGMENTS, type RfmSegment } from '@hub/customer-value';
export {
  type ChannelCost,
  type ChannelCosts,
  type CostChannel,
  costChannels,
  DEFAULT_CHANNEL_COSTS,
  parseChannelCosts,
} from './channel-costs.ts';
export type { CostRange, CustomerCost } from './cost-to-serve.queries.ts';
export {
  type CostCursor,
  type CostTotals,
  NO_PURCHASES,
  readCostByCustomer,
  readCostBySegment,
  type SegmentCost,
} from './cost-to-serve.report.ts';
export {
  type CustomerValueReader,
  type CustomerValueReport,
  createCustomerValueReader,
  type MemberCursor,
  type SegmentMember,
  type SegmentRow,
  WALLET_TIERS,
} from './customer-value.reader.ts';
export { type NamedPair, type ProductAffinityReport, readProductAffinity } from './product-affinity.queries.ts';
export { type Distribution, PERCENTILES } from './value-distribution.ts';
export { DEFAULT_FIT_MINIMUMS, type FitMinimums, type ValueFit } from './value-fit.ts';
export { createValueFitCache, type ValueFitCache } from './value-fit-cache.ts';
