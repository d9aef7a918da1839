export * from "./access/roles.ts";
export * from "./access/store-ref.ts";
export * from "./format/locale.ts";
