export * from "./baskets/code-point.ts";
export * from "./baskets/csv.ts";
export * from "./baskets/rules.ts";
export * from "./baskets/thresholds.ts";
