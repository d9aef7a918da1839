export * from "./crossformat/formats.ts";
