export * from "./dotenv.ts";
export * from "./env.ts";
export * from "./logger.ts";
