export { PricingError, type PricingErrorCode } from './errors';
export { tierFor, unitPriceFor } from './tiers';
export { rateMonth, type ItemUsage, type RateMonthInput, type RatedLine, type RatedMonth } from './rate-month';
export { packPrice, packPriceFen, type PackSpec } from './pack-price';
export { estimateFreeze } from './freeze';
export {
  advisePacks,
  averageMonthlyCalls,
  type AdvisedMonth,
  type AdvisedPack,
  type AdvisePacksInput,
  type PackAdvice,
} from './advise-packs';
export { explainLine, type LineExplanation, type PackCoverage } from './explain-line';
export { explainBill, type BillExplanation } from './explain-bill';
export { DAYS_LEFT_WINDOW_DAYS, daysLeft, windowChargedSpend, type DaysLeft, type WindowCharges } from './days-left';
