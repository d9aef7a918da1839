import { mailEnv, parseEnv } from "@dangol/config";
import { getPrisma } from "@dangol/db/client";
import { analystConnectionString } from "@dangol/workbench";
import { runScheduledQuery } from "@dangol/workbench/services";
import type { Handler } from "./types.ts";

/** A saved query's schedule fired: run it now, keep the snapshot, mail the CSV when asked. */
export const queriesScheduled: Handler<"queries.scheduled"> = async (payload, { job, logger }) => {
  const mail = parseEnv(mailEnv);
  const outcome = await runScheduledQuery(getPrisma(), payload.scheduleId, {
    connectionString: analystConnectionString(),
    jobId: job.id ?? `queries.scheduled-${payload.scheduleId}-${Date.now()}`,
    mail: { smtpUrl: mail.SMTP_URL, from: mail.MAIL_FROM },
  });
  logger.info({ scheduleId: payload.scheduleId, ...outcome }, "scheduled query finished");
  return outcome;
};
