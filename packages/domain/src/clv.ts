export * from "./clv/bgnbd.ts";
export * from "./clv/gamma-gamma.ts";
export * from "./clv/lifetime-value.ts";
export * from "./clv/optimize.ts";
export * from "./clv/special.ts";
export * from "./clv/summary.ts";
