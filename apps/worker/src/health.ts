import { createServer, type Server } from "node:http";
import { pingPostgres } from "@dangol/db/health";
import { pingRedis } from "@dangol/jobs";
import type { WorkerPool } from "./workers.ts";

/**
 * /health: liveness plus the reachability of Postgres and Redis (503 when either is down);
 * /health/ready: 200 only while every queue's worker is running (503 during shutdown).
 */
export function startHealthServer(options: {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  pool: WorkerPool;
  isShuttingDown: () => boolean;
}): Promise<Server> {
  const server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(body));
    };
    const queues = Object.fromEntries([...options.pool.workers].map(([name, worker]) => [name, worker.isRunning()]));
    if (request.url === "/health") {
      const [postgres, redis] = await Promise.all([pingPostgres(options.databaseUrl), pingRedis(options.redisUrl)]);
      const ok = postgres.ok && redis.ok;
      return send(ok ? 200 : 503, { status: ok ? "ok" : "degraded", postgres, redis, queues });
    }
    if (request.url === "/health/ready") {
      const ready = !options.isShuttingDown() && Object.values(queues).every(Boolean);
      return send(ready ? 200 : 503, { status: ready ? "ready" : "not ready", queues });
    }
    send(404, { error: "not found" });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve(server));
  });
}
