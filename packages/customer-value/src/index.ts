export { type BgNbdFit, type BgNbdFitOptions, fitBgNbd, type PurchaseModelSearch } from './bg-nbd.fit.ts';
export {
  type BgNbdParameters,
  bgNbdLogLikelihood,
  bgNbdTotalLogLikelihood,
  type PurchaseModel,
  type PurchaseModelParameters,
} from './bg-nbd.likelihood.ts';
export { bgNbdExpectedTransactions, bgNbdProbabilityAlive } from './bg-nbd.predictions.ts';
export {
  type CustomerHistory,
  type CustomerPurchaseSummary,
  type Instant,
  toCustomerHistory,
} from './customer-summary.ts';
export type { FixedDropoutParameters } from './fixed-dropout.likelihood.ts';
export {
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaParameters,
  gammaGammaExpectedAverageValue,
  gammaGammaLogLikelihood,
  type RepeatSpend,
} from './gamma-gamma.ts';
export { type CustomerSpend, type HistoricValue, historicValues } from './historic-clv.ts';
export { type Minimum, minimiseNelderMead, type NelderMeadOptions } from './nelder-mead.ts';
export { type PredictiveClvOptions, type PredictiveValue, predictClv, WEEKS_PER_MONTH } from './predictive-clv.ts';
export type { PurchaseHistory } from './purchase-history.ts';
export { scoreQuintiles } from './quintile-scores.ts';
export { type RfmScore, scoreRfm } from './rfm.ts';
export { RFM_SEGMENTS, type RfmSegment } from './rfm-segments.ts';
export { hypergeometric2F1, logGamma } from './special-functions.ts';
export {
  assignWalletTiers,
  type CustomerValueAndPotential,
  type WalletTier,
  type WalletTierAssignment,
  type WalletTierOptions,
  type WalletTierReason,
} from './wallet-tiers.ts';
