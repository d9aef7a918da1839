/**
 * The synthetic bases the CRM screens' benches (dashboards, segments) measure, with a finished
 * analytics refresh (the segment rules and dashboards read its figures): built and refreshed on
 * first use, reused after. The 50k demo-scale base is built under a flock(1) lock, so two
 * benches started together wait for one build.
 */
import { spawn } from "node:child_process";
import { refreshSegmentFacts, runAnalyticsRefresh } from "@dangol/analytics";
import pg from "pg";
import { CliError } from "../../errors.ts";
import { ensureSyntheticAnalyticsWarehouse, SYNTHETIC_ANALYTICS_DATABASE } from "./analytics-synthetic.ts";

export const DEMO_BENCH_DATABASE = "dangol_bench_demo";
export const DEMO_CUSTOMERS = 50_000;
export const BENCH_CUSTOMERS = 1_000_000;
const DEMO_LOCK = "/tmp/bench-demo.lock";

/** The 50k base `dangol_bench_demo` (or another size's own base), published. */
export function demoBase(say: (line: string) => void, notes: string[], customers = DEMO_CUSTOMERS): Promise<string> {
  const name = customers === DEMO_CUSTOMERS ? DEMO_BENCH_DATABASE : `dangol_bench_demo_${customers}`;
  return withFlock(DEMO_LOCK, () => publishedBase(customers, name, say, notes));
}

/** The 1M base `dangol_bench_synthetic` (shared with bench analytics and queries), published. */
export function benchBase(say: (line: string) => void, notes: string[]): Promise<string> {
  return publishedBase(BENCH_CUSTOMERS, SYNTHETIC_ANALYTICS_DATABASE, say, notes);
}

async function publishedBase(
  customers: number,
  name: string,
  say: (line: string) => void,
  notes: string[],
): Promise<string> {
  const built = await ensureSyntheticAnalyticsWarehouse(customers, say, name);
  notes.push(
    `${name}: ${customers.toLocaleString("en-US")} customers, ${built.builtSeconds === null ? "reused" : `built in ${Math.round(built.builtSeconds)} s`}`,
  );
  await ensureRefreshed(built.url, name, say, notes);
  return built.url;
}

/**
 * A base never refreshed gets one refresh (which also fills the dashboard aggregates and the
 * segment facts); one refreshed before the segment facts existed gets them built for its day.
 */
async function ensureRefreshed(url: string, name: string, say: (line: string) => void, notes: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ as_of: string | null; facts: boolean; last_day: string | null }>(
      `SELECT (SELECT to_char(max(as_of), 'YYYY-MM-DD') FROM analytics_run WHERE status = 'succeeded') AS as_of,
              EXISTS (SELECT FROM segment_facts.build) AS facts,
              (SELECT to_char(max(business_date), 'YYYY-MM-DD') FROM receipt) AS last_day`,
    );
    const asOf = rows[0]?.as_of;
    const started = performance.now();
    if (!asOf) {
      say(`refreshing analytics on ${name} …`);
      await runAnalyticsRefresh({ databaseUrl: url, asOf: rows[0]?.last_day ?? undefined, trigger: "bench" });
      notes.push(`${name}: analytics refreshed first, ${Math.round((performance.now() - started) / 1000)} s`);
    } else if (!rows[0]?.facts) {
      say(`building the segment facts of ${name} …`);
      await refreshSegmentFacts(client, asOf);
      notes.push(`${name}: segment facts built first, ${Math.round((performance.now() - started) / 1000)} s`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Holds flock(1)'s lock on `file` while `work` runs, so another bench (or a shell `flock FILE …`)
 * waits for the same base: the child prints once it holds the lock and keeps it until its stdin
 * closes.
 */
async function withFlock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const holder = spawn("flock", [file, "sh", "-c", "echo locked; cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new CliError(`flock ${file} exited with ${code}`)));
    holder.stdout.once("data", () => resolve());
  });
  try {
    return await work();
  } finally {
    holder.removeAllListeners("exit");
    holder.stdin.end();
  }
}
