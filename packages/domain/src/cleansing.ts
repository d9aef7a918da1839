export * from "./cleansing/birth-date.ts";
export * from "./cleansing/email.ts";
export * from "./cleansing/name.ts";
export * from "./cleansing/phone.ts";
export * from "./cleansing/region.ts";
export * from "./cleansing/result.ts";
export * from "./cleansing/text.ts";
export * from "./cleansing/zip.ts";
