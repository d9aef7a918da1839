export * from "./queries/access.ts";
export * from "./queries/chart.ts";
export * from "./queries/parameters.ts";
export * from "./queries/pivot.ts";
export * from "./queries/relative-dates.ts";
export * from "./queries/schedule.ts";
export { type StatementBounds, statementBounds } from "./queries/sql-scan.ts";
