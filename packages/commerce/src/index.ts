export { commerceMigrations } from './commerce.migrations.ts';
export { applyCommercePage, COMMERCE_PROJECTION, commerceProjection } from './commerce.projection.ts';
export {
  type CustomerOrder,
  listProducts,
  type OrderLineRow,
  orderLineRows,
  ordersOfCustomers,
  type ProductRow,
  type PurchaseSummary,
  purchaseSummaries,
} from './commerce.queries.ts';
export { CsvReader, type CsvRecord, readCsvRecords } from './csv-records.ts';
export { canonicalAmount, fromUnits, lineAmount, sumAmounts, toUnits } from './money.ts';
export {
  initialOrderState,
  isOrderEvent,
  type OrderCommand,
  type OrderEvent,
  type OrderLineInput,
  type OrderState,
  orderDecider,
  type PlacedOrder,
} from './order.decider.ts';
export { type BuyerFields, type BuyerSettings, buyerIdentifiers } from './order-buyer.ts';
export {
  type Buyer,
  type CustomerResolver,
  createOrderDesk,
  type OrderChange,
  type OrderDesk,
  type OrderToPlace,
  type PlaceOutcome,
} from './order-desk.ts';
export {
  type ImportOptions,
  type ImportReport,
  importOrdersCsv,
  MAX_ORDER_LINES,
  ORDER_CSV_COLUMNS,
  type RowError,
} from './order-import.ts';
export { type CustomersResolver, PLACING_RUN } from './order-placing.ts';
export { type DefineProduct, isProductEvent, type ProductEvent, productDecider } from './product.decider.ts';
