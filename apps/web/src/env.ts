import { authEnv, databaseEnv, parseEnv, queueEnv, redisEnv } from "@dangol/config";
import { z } from "zod";

const optionalUrl = z.url({ error: "must be an absolute URL, e.g. https://crm.dangol.co.kr" }).optional();

/** Everything the web server reads from its environment, checked once at start-up. */
export const webEnvShape = {
  ...databaseEnv,
  ...redisEnv,
  ...queueEnv,
  ...authEnv,
  AUTH_URL: optionalUrl,
  NEXTAUTH_URL: optionalUrl,
};

export type WebEnv = ReturnType<typeof parseEnv<typeof webEnvShape>>;

let cached: WebEnv | undefined;

/** Parsed lazily so `next build` (which imports server modules) needs no secrets. */
export function env(): WebEnv {
  cached ??= parseEnv(webEnvShape);
  return cached;
}
