export * from "./tiers/evaluation-dates.ts";
export * from "./tiers/movement.ts";
export * from "./tiers/rules.ts";
