import { createLogger } from "@dangol/config";
import { createRedis, JobProducer } from "@dangol/jobs";
import { closeCampaignProviders } from "./campaign-providers.ts";
import { closePool } from "./db.ts";
import { env } from "./env.ts";
import { handlers } from "./handlers/index.ts";
import { startHealthServer } from "./health.ts";
import { upsertSchedules } from "./schedules.ts";
import { startWorkers } from "./workers.ts";

const logger = createLogger("worker", env.LOG_LEVEL);
const connection = createRedis(env.REDIS_URL);
const producer = new JobProducer(connection, env.DANGOL_QUEUE_PREFIX);
const pool = startWorkers({ connection, handlers, logger, prefix: env.DANGOL_QUEUE_PREFIX });
let shuttingDown = false;

await upsertSchedules(producer);
const health = await startHealthServer({
  port: env.WORKER_HEALTH_PORT,
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  pool,
  isShuttingDown: () => shuttingDown,
}).catch(async (error: NodeJS.ErrnoException) => {
  const reason =
    error.code === "EADDRINUSE"
      ? `WORKER_HEALTH_PORT ${env.WORKER_HEALTH_PORT} is in use (is another worker running?); stop it or set WORKER_HEALTH_PORT`
      : `the health endpoint could not start: ${error.message}`;
  logger.fatal(reason);
  process.stderr.write(`worker: ${reason}\n`);
  await pool.close(0);
  process.exit(1);
});
logger.info({ queues: [...pool.workers.keys()], healthPort: env.WORKER_HEALTH_PORT }, "worker started");

async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down: finishing running jobs");
  await pool.close();
  await closeCampaignProviders();
  await producer.close();
  await closePool();
  health.close();
  connection.disconnect();
  logger.info("worker stopped");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
