import { databaseEnv, parseEnv, queueEnv, redisEnv } from "@dangol/config";
import { runPointsExpiry, seoulToday } from "@dangol/etl/points";
import { createRedis, JobProducer, pointsExpireJobId } from "@dangol/jobs";
import type { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../errors.ts";

const expireOptions = z.object({
  asOf: z.iso.date({ message: "--as-of must be a date as YYYY-MM-DD" }).optional(),
  inline: z.boolean().default(false),
});

type ExpireSummary = { asOf: string; entries: number; points: number; seconds: number };
const summary = (r: ExpireSummary) =>
  `points expired as of ${r.asOf}: ${r.entries} entries, ${r.points} points in ${r.seconds.toFixed(2)} s`;

export function registerPointsCommands(program: Command): void {
  const points = program.command("points").description("the points ledger");
  points
    .command("expire")
    .description("write EXPIRE entries for earns whose last usable day is before --as-of (the daily points.expire)")
    .option("--as-of <YYYY-MM-DD>", "expire what was usable only until the day before (default: today in Seoul)")
    .option("--inline", "run here, in this process, instead of through the worker's etl queue")
    .action(async (raw: unknown) => {
      const parsed = expireOptions.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      const asOf = parsed.data.asOf ?? seoulToday();
      const databaseUrl = parseEnv(databaseEnv).DATABASE_URL;
      if (parsed.data.inline) {
        const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
        try {
          console.log(summary(await runPointsExpiry(pool, { asOf })));
        } finally {
          await pool.end();
        }
        return;
      }
      console.log(summary(await enqueueAndWait(asOf)));
    });
}

/** One job per day (deterministic id): asking twice for a day reports the first run. */
async function enqueueAndWait(asOf: string): Promise<ExpireSummary> {
  const connection = createRedis(parseEnv(redisEnv).REDIS_URL);
  const producer = new JobProducer(connection, parseEnv(queueEnv).DANGOL_QUEUE_PREFIX);
  try {
    const job = await producer.enqueue("points.expire", { asOf, trigger: "cli" }, { jobId: pointsExpireJobId(asOf) });
    let warned = false;
    for (let poll = 0; ; poll++) {
      const current = await producer.queue("etl").getJob(job.id ?? "");
      if (!current) throw new CliError(`job ${job.id} disappeared from the queue`);
      const state = await current.getState();
      if (state === "completed") return current.returnvalue as ExpireSummary;
      if (state === "failed" && current.attemptsMade >= (current.opts.attempts ?? 1))
        throw new CliError(`points.expire for ${asOf} failed: ${current.failedReason}`);
      // Say so only when it keeps waiting (a worker normally takes it within a poll or two).
      if (!warned && poll >= 4 && (state === "waiting" || state === "delayed")) {
        warned = true;
        process.stderr.write(
          `job ${job.id} ${state} (behind queued ETL files, or is the worker running? pnpm dangol doctor)\n`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await producer.close();
    connection.disconnect();
  }
}
