export { STAGING_COLUMNS } from "./columns.ts";
export { type FeedFile, identifyFeedFile, loadOrder } from "./identify.ts";
export { readFeed } from "./read.ts";
export * from "./types.ts";
