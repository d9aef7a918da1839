import { parseEnv, queueEnv, redisEnv } from "@dangol/config";
import { createRedis, JobProducer } from "@dangol/jobs";
import type { Command } from "commander";
import { runDelivery } from "./etl/follow.ts";
import { planDelivery } from "./etl/plan.ts";
import { formatTable } from "./etl/report.ts";

/** `dangol etl run DIR`: hands a delivery to the worker file by file and reconciles every file. */
export function registerEtlCommands(program: Command): void {
  const etl = program.command("etl").description("ETL: load source-system deliveries (the worker does the work)");
  etl
    .command("run")
    .description(
      "queue every file of a delivery directory in arrival order and report rows in = loaded + rejected + skipped per file",
    )
    .argument("<dir>", "delivery directory (delivery_manifest.json gives the arrival order when present)")
    .option("--json", "print the per-file results as a JSON array")
    .action(async (dir: string, options: { json?: boolean }) => {
      const { REDIS_URL } = parseEnv(redisEnv);
      const { DANGOL_QUEUE_PREFIX } = parseEnv(queueEnv);
      const plan = await planDelivery(dir);
      const connection = createRedis(REDIS_URL);
      const producer = new JobProducer(connection, DANGOL_QUEUE_PREFIX);
      const tty = process.stderr.isTTY === true;
      let done = 0;
      const bar = (file: string, fraction: number) => {
        if (!tty) return;
        const width = 30;
        const filled = Math.round(((done + Math.min(1, fraction)) / plan.length) * width);
        process.stderr.write(
          `\r[${"#".repeat(filled).padEnd(width)}] ${done}/${plan.length} ${file.padEnd(32).slice(0, 32)}`,
        );
      };
      try {
        const reports = await runDelivery(
          producer,
          connection,
          DANGOL_QUEUE_PREFIX,
          plan,
          (count, _total, report) => {
            done = count;
            bar(report.file, 0);
          },
          bar,
        );
        if (tty) process.stderr.write("\n");
        if (options.json) {
          const rows = reports.map(({ path: _path, reason: _reason, ...rest }) => rest);
          console.log(JSON.stringify(rows, null, 2));
        } else {
          console.log(formatTable(reports));
        }
        const bad = reports.filter((r) => r.status === "refused" || r.status === "failed");
        for (const r of bad) console.error(`dangol: ${r.path} ${r.status}: ${r.reason ?? "no reason given"}`);
        if (bad.length > 0) process.exitCode = 1;
      } finally {
        await producer.close();
        connection.disconnect();
      }
    });
}
