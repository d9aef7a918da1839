import { createAnalyticsRun, dayFromIso, type RefreshProgress, runAnalyticsRefresh } from "@dangol/analytics";
import { databaseEnv, parseEnv, queueEnv, redisEnv } from "@dangol/config";
import { createRedis, JobProducer } from "@dangol/jobs";
import type { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../errors.ts";

const refreshOptions = z.object({
  asOf: z
    .string()
    .refine((text) => {
      try {
        dayFromIso(text);
        return true;
      } catch {
        return false;
      }
    }, "--as-of must be a date as YYYY-MM-DD")
    .optional(),
  inline: z.boolean().default(false),
});

export function registerAnalyticsCommands(program: Command): void {
  const analytics = program.command("analytics").description("customer analytics in the warehouse");
  analytics
    .command("refresh")
    .description("recompute customer metrics, cycles, tiers, CLV and basket rules (the nightly analytics.refresh)")
    .option("--as-of <YYYY-MM-DD>", "last business day included (default: yesterday in Seoul)")
    .option("--inline", "run here, in this process, instead of enqueueing for the worker")
    .action(async (raw: unknown) => {
      const parsed = refreshOptions.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      const { asOf, inline } = parsed.data;
      const databaseUrl = parseEnv(databaseEnv).DATABASE_URL;
      const line = progressLine();
      if (inline) {
        const result = await runAnalyticsRefresh({ databaseUrl, asOf, trigger: "cli", onProgress: line.update });
        line.done(`run ${result.runId} as of ${result.asOf}: ${summary(result.counts, result.durations)}`);
        return;
      }
      await enqueueAndFollow(databaseUrl, parseEnv(redisEnv).REDIS_URL, asOf, line);
    });
}

async function enqueueAndFollow(
  databaseUrl: string,
  redisUrl: string,
  asOf: string | undefined,
  line: ReturnType<typeof progressLine>,
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const connection = createRedis(redisUrl);
  // The worker only sees queues under its own prefix (DANGOL_QUEUE_PREFIX), so the CLI uses the same.
  const producer = new JobProducer(connection, parseEnv(queueEnv).DANGOL_QUEUE_PREFIX);
  try {
    const runId = await createAnalyticsRun(client, { trigger: "cli", asOf, requestedBy: "cli" });
    const job = await producer.enqueue("analytics.refresh", { asOf, trigger: "cli", runId: String(runId) });
    line.note(`queued run ${runId} as job ${job.id}; following it (Ctrl-C stops following, not the job)`);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const current = await producer.queue("analytics").getJob(job.id ?? "");
      if (!current) throw new CliError(`job ${job.id} disappeared from the queue`);
      const state = await current.getState();
      const progress = current.progress as Partial<RefreshProgress> | number;
      if (typeof progress === "object" && progress.step)
        line.update({ step: progress.step, progress: progress.progress ?? 0 });
      if (state === "completed") {
        const result = current.returnvalue as {
          asOf: string;
          counts: Record<string, number>;
          durations: Record<string, number>;
        };
        line.done(`run ${runId} as of ${result.asOf}: ${summary(result.counts, result.durations)}`);
        return;
      }
      if (state === "failed" && current.attemptsMade >= (current.opts.attempts ?? 1)) {
        throw new CliError(`run ${runId} failed: ${current.failedReason}`);
      }
      if (state === "waiting" || state === "delayed") line.waiting(state);
    }
  } finally {
    await producer.close();
    connection.disconnect();
    await client.end();
  }
}

function summary(counts: Record<string, number>, durations: Record<string, number>): string {
  const total = Object.values(durations).reduce((s, ms) => s + ms, 0);
  return `${counts.metrics ?? 0} customers, ${counts.categoryCycles ?? 0} category cycles, ${counts.rules ?? 0} rules, ${counts.tierChanges ?? 0} tier changes in ${(total / 1000).toFixed(1)} s`;
}

/** One rewritten line on a terminal; one line per step otherwise (logs, CI). */
function progressLine() {
  const tty = process.stderr.isTTY;
  let lastStep = "";
  let waitingShown = false;
  const bar = (p: number) => `[${"#".repeat(Math.round(p / 5)).padEnd(20, ".")}] ${String(p).padStart(3)}%`;
  return {
    update({ step, progress }: Pick<RefreshProgress, "step" | "progress">) {
      if (step === lastStep) return;
      lastStep = step;
      if (tty) process.stderr.write(`\r${bar(progress)} ${step.padEnd(12)}`);
      else process.stderr.write(`${bar(progress)} ${step}\n`);
    },
    waiting(state: string) {
      if (waitingShown) return;
      waitingShown = true;
      process.stderr.write(`job ${state}: is the worker running? (pnpm dangol doctor)\n`);
    },
    note(text: string) {
      process.stderr.write(`${text}\n`);
    },
    done(text: string) {
      if (tty) process.stderr.write("\n");
      console.log(text);
    },
  };
}
