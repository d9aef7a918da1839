export * from "./cycles/interval.ts";
