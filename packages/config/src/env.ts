import { z } from "zod";

/**
 * Env pieces, composed by each process from the parts it uses. A bad value stops the
 * process with one line naming the variable (see parseEnv), never a stack trace.
 */
const postgresUrl = z
  .string({ error: "is not set" })
  .min(1, "is empty")
  .refine(
    (v) => /^postgres(ql)?:\/\/.+/.test(v),
    "must be a postgresql:// URL, e.g. postgresql://dangol:dangol@127.0.0.1:5432/dangol",
  );

const redisUrl = z
  .string({ error: "is not set" })
  .min(1, "is empty")
  .refine((v) => /^rediss?:\/\/.+/.test(v), "must be a redis:// URL, e.g. redis://127.0.0.1:6379");

export const databaseEnv = { DATABASE_URL: postgresUrl };
export const redisEnv = { REDIS_URL: redisUrl };
export const authEnv = {
  AUTH_SECRET: z
    .string({ error: "is not set (generate one with: openssl rand -base64 32)" })
    .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)"),
};
export const logEnv = {
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};
/** Redis key prefix of the queues; tests set their own so a developer's worker never takes their jobs. */
export const queueEnv = {
  DANGOL_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, _ and -")
    .default("dangol"),
};
export const workerEnv = {
  WORKER_HEALTH_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3101),
};

/**
 * The login role analysts' SQL runs as (created by a migration: SELECT on the analytics views
 * only). Host, port and database come from DATABASE_URL; a password is needed where Postgres
 * does not trust local connections (`pnpm dangol db migrate` sets it on the role).
 */
export const queryEnv = {
  QUERY_DB_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a plain lower-case Postgres role name")
    .default("dangol_query"),
  QUERY_DB_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
};
/** Outgoing mail (scheduled query results, later campaigns); unset SMTP_URL = no mail sent. */
export const mailEnv = {
  SMTP_URL: z
    .string()
    .refine(
      (v) => /^smtps?:\/\/.+/.test(v),
      "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587",
    )
    .optional(),
  MAIL_FROM: z.string().min(3).default("Dangol <dangol@localhost>"),
};

/** Where the daily outbound consent files go (one per division; the divisions' pick-up reads them). */
export const consentExportEnv = {
  CONSENT_OUTBOUND_DIR: z.string().min(1, "is empty").default(".data/outbound/consent"),
};

export class EnvError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}. See .env.example.`);
    this.name = "EnvError";
  }
}

/** Parses the given variables; throws EnvError naming the first bad one. */
export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  source: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? "environment");
  const problem = source[variable] === undefined ? "is not set" : (issue?.message ?? "is invalid");
  throw new EnvError(variable, problem);
}

/** For process entry points: print the one line and exit 1 instead of throwing. */
export function loadEnvOrExit<S extends z.ZodRawShape>(shape: S): z.infer<z.ZodObject<S>> {
  try {
    return parseEnv(shape);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
