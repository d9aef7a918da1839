import { freePort, startTs, waitFor } from "@dangol/testkit/processes";

/** The worker as its own process, on a bench database and queue prefix, as the product runs it. */
export interface BenchWorker {
  pid: number;
  /** whether the process has exited (it should not, while the bench runs) */
  exited(): boolean;
  /** the tail of its stderr, for an error message */
  log(): string;
  stop(): Promise<void>;
}

/** Starts `apps/worker` with its health port on a free port and waits until it says it is ready. */
export async function startBenchWorker(env: {
  DATABASE_URL: string;
  REDIS_URL: string;
  DANGOL_QUEUE_PREFIX: string;
}): Promise<BenchWorker> {
  const port = await freePort();
  const child = startTs("apps/worker/src/main.ts", [], {
    ...env,
    WORKER_HEALTH_PORT: String(port),
    LOG_LEVEL: "warn",
    // The heap budget the worker's start script gives it (apps/worker/package.json): V8 otherwise
    // lets garbage pile up to a quarter of the machine's memory before collecting it in earnest.
    NODE_OPTIONS: "--max-old-space-size=1024",
  });
  let tail = "";
  child.stderr?.on("data", (chunk) => {
    tail = (tail + chunk).slice(-4000);
  });
  const worker: BenchWorker = {
    pid: child.pid!,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    log: () => tail,
    stop: async () => {
      if (worker.exited()) return;
      const closed = new Promise((resolve) => child.once("close", resolve));
      child.kill("SIGTERM");
      await closed;
    },
  };
  try {
    await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok ? true : undefined), 60_000);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return worker;
}
