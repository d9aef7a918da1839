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

/**
 * SMS through Azure Communication Services; all three or none (none = SMS goes to the outbox).
 * Check the set with `acsSmsConfig`, which says which one is missing.
 */
export const acsSmsEnv = {
  ACS_SMS_ENDPOINT: z
    .string()
    .refine(
      (v) => /^https:\/\/[^/]+/.test(v) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(v),
      "must be the resource's https:// endpoint, e.g. https://my-resource.communication.azure.com",
    )
    .optional(),
  ACS_SMS_ACCESS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be the resource's base64 access key")
    .optional(),
  ACS_SMS_FROM: z
    .string()
    .regex(
      /^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/,
      "must be an E.164 number (+8215990000) or an alphanumeric sender id",
    )
    .optional(),
};

/** The three ACS variables together, or null when none is set; EnvError when only some are. */
export function acsSmsConfig(
  env: Partial<Record<keyof typeof acsSmsEnv, string | undefined>>,
): { endpoint: string; accessKey: string; from: string } | null {
  const { ACS_SMS_ENDPOINT: endpoint, ACS_SMS_ACCESS_KEY: accessKey, ACS_SMS_FROM: from } = env;
  if (!endpoint && !accessKey && !from) return null;
  const missing = (["ACS_SMS_ENDPOINT", "ACS_SMS_ACCESS_KEY", "ACS_SMS_FROM"] as const).find((k) => !env[k]);
  if (missing)
    throw new EnvError(missing, "is not set (ACS_SMS_ENDPOINT, ACS_SMS_ACCESS_KEY and ACS_SMS_FROM go together)");
  return { endpoint: endpoint!, accessKey: accessKey!, from: from! };
}

/**
 * The web app's public address, for links in messages (the e-mail unsubscribe link): AUTH_URL, or
 * next-auth's NEXTAUTH_URL, the variables the web app already reads.
 */
export const publicUrlEnv = {
  AUTH_URL: z.url({ error: "must be an absolute URL, e.g. https://crm.dangol.co.kr" }).optional(),
  NEXTAUTH_URL: z.url({ error: "must be an absolute URL, e.g. https://crm.dangol.co.kr" }).optional(),
};

export function publicBaseUrl(env: { AUTH_URL?: string; NEXTAUTH_URL?: string }): string {
  return env.AUTH_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000";
}

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
