export { type CatalogColumn, type CatalogView, loadAnalyticsCatalog } from "./catalog.ts";
export { analystConnectionString } from "./connection.ts";
export {
  AnalystQueryError,
  type AnalystQueryErrorKind,
  APPLICATION_NAME,
  cancelAnalystQuery,
  type ExecuteOptions,
  executeAnalystQuery,
  type QueryResult,
  type ResultColumn,
  type ResultColumnType,
  WORKBENCH_DEFAULTS,
} from "./executor.ts";
