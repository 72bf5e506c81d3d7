// The billing domain as the tRPC routers, the API gateway and the CLI use it.
export { BillingError, type BillingErrorCode } from './errors';
export type { Account } from './accounts';
export { activateAccount } from './activation';
export { allocateCalls, allocateLockedCalls, canMeter, readPacksToDraw, type CallAllocation, type MeterRequest } from './allocate-calls';
export { FREE_PACK_ITEMS, grantMonthFreePacks, type Pack } from './free-packs';
export { PACK_STATUS_LABELS, packStatus, refundPack, type PackStatus } from './packs';
export { cancelOrder, createOrder, orderStatusAt, payOrder, type CreateOrderInput, type Order, type OrderStatus } from './orders';
export type { Bill, BillLine } from './settle-month';
export { billDueAt, billRun, lastBillableMonth, type BillRunSummary } from './bill-run';
