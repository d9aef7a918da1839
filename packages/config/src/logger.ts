import { type Logger, pino } from "pino";

/** Structured JSON logs (one object per line), named per process; level from LOG_LEVEL. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
