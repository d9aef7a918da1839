export { BASKET_STORE, type BasketsImport, importBaskets } from "./baskets.ts";
export { parseInvoiceDateTime, parseInvoiceDay } from "./dates.ts";
export { ImportInputError, type SourceRow } from "./errors.ts";
export {
  findColumns,
  ONLINE_RETAIL_HEADER_HINT,
  ONLINE_RETAIL_HEADERS,
  type OnlineRetailColumns,
  onlineRetailColumns,
  onlineRetailCustomerId,
} from "./layouts.ts";
export { importOnlineRetail, ONLINE_STORE, type OnlineRetailImport } from "./online-retail.ts";
export type { ImportSummary } from "./session.ts";
