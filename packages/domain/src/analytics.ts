export * from "./analytics/config.ts";
