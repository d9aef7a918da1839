export * from "./rfm/aggregate.ts";
export * from "./rfm/customer-id.ts";
export * from "./rfm/money.ts";
export * from "./rfm/ntile.ts";
export * from "./rfm/score.ts";
export * from "./rfm/segments.ts";
