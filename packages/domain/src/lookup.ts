export * from "./lookup/cues.ts";
export * from "./lookup/rate-limit.ts";
export * from "./lookup/reveal.ts";
export * from "./lookup/search-input.ts";
