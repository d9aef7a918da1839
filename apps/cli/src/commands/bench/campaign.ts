/**
 * `dangol bench campaign`: a one-off SMS campaign to N recipients (1M by default) through the outbox
 * provider, launched as the CRM team would (approve, schedule, send now) and dispatched by a worker
 * running as its own process; contacts per second from the launch until every contact is final.
 * Beside it, in the same run and on the same Redis, raw BullMQ throughput: empty jobs through one
 * worker at the campaign queue's concurrency. Peak RSS of the worker, of the web server serving the
 * campaign's progress page during the run, and of this (launching) process.
 */
import { type CampaignUser, campaignAction, createCampaign } from "@dangol/campaigns";
import { authEnv, parseEnv, redisEnv } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { createRedis, JobProducer, QUEUES } from "@dangol/jobs";
import { Queue, Worker } from "bullmq";
import { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { startBenchWorker } from "./bench-worker.ts";
import { launchChromium, signedInState } from "./lookup-browser.ts";
import { buildWeb, startNext, webDir } from "./lookup-servers.ts";
import { type BenchRow, formatBenchTable, peakRssMib, percentile, timed, writeBenchResult } from "./report.ts";
import { ensureSyntheticDatabase, FIRST_ID } from "./synthetic-base.ts";

const CAMPAIGN_BENCH_DATABASE = "dangol_bench_campaign";

const Options = z.object({
  recipients: z.coerce.number().int().min(1_000).max(5_000_000).default(1_000_000),
  emptyJobs: z.coerce.number().int().min(1_000).max(1_000_000).default(100_000),
  web: z.boolean(),
  build: z.boolean(),
});

/** The CRM manager watching the run: the detail page as its auto-refresh asks for it, every 3 s. */
const WEB_POLL_MS = 3_000;

/** Every synthetic customer consents to SMS and to night-time ads, so the clock never holds the run. */
async function addConsents(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO consent_event (customer_id, channel, granted, changed_at, source)
     SELECT c.id, ch.channel::consent_channel, true, now() - interval '30 days', 'MART'
       FROM customer c CROSS JOIN (VALUES ('SMS'), ('NIGHT')) AS ch(channel)
      WHERE c.id >= $1`,
    [FIRST_ID],
  );
  await client.query(
    `INSERT INTO customer_tier_history (customer_id, tier_code, effective_from)
     SELECT c.id, t.codes[1 + c.id % cardinality(t.codes)], current_date - 30
       FROM customer c CROSS JOIN (SELECT array_agg(code ORDER BY rank) AS codes FROM tier) t
      WHERE c.id >= $1`,
    [FIRST_ID],
  );
  await client.query(`ANALYZE consent_event`);
  await client.query(`ANALYZE customer_tier_history`);
}

/**
 * "Every active customer" (an empty AND group), and nothing left from an earlier run: the frequency
 * caps would otherwise exclude everyone the last bench contacted. The launch takes the snapshot
 * itself, as it would for the CRM team; the demo retailer's customers have no consent and are excluded.
 */
async function freshTarget(url: string): Promise<{ segmentId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `TRUNCATE campaign_outbox, campaign_contact, campaign_member, campaign_batch, campaign_run, campaign CASCADE`,
    );
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO segment (name, owner_id, definition, updated_at)
       SELECT 'bench campaign ' || now(), id, '{"kind":"group","op":"and","negate":false,"children":[]}', now()
         FROM app_user WHERE email = 'crm@dangol.local' RETURNING id::text`,
    );
    // The demo retailer's customers may consent to SMS but not to night-time ads; the bench runs at
    // any hour and must not wait for 08:00 Seoul.
    await client.query(
      `INSERT INTO consent_event (customer_id, channel, granted, changed_at, source)
       SELECT c.id, 'NIGHT', true, now() - interval '1 hour', 'MART' FROM customer c
        WHERE c.id < $1
          AND NOT EXISTS (SELECT 1 FROM consent_event e WHERE e.customer_id = c.id AND e.channel = 'NIGHT' AND e.granted)`,
      [FIRST_ID],
    );
    // The bench measures the pipeline, not the configured pace: the SMS rate is lifted.
    await client.query(
      `INSERT INTO analytics_config (kind, version, value, created_by, note)
       SELECT 'campaigns', coalesce(max(version), 0) + 1, $1::jsonb, 'bench', 'bench campaign: SMS rate lifted'
         FROM analytics_config WHERE kind = 'campaigns'`,
      [JSON.stringify({ ratePerSecond: { SMS: 100_000, EMAIL: 50, DM: 10_000, TM: 10_000 } })],
    );
    return { segmentId: rows[0]!.id };
  } finally {
    await client.end();
  }
}

/** Empty jobs through one BullMQ worker at the campaign queue's concurrency: the queue's own ceiling. */
async function rawBullmq(redisUrl: string, jobs: number): Promise<{ seconds: number; perSecond: number }> {
  const connection = createRedis(redisUrl);
  const prefix = `bench-raw-${Date.now()}`;
  const queue = new Queue("raw", { connection, prefix });
  let done = 0;
  let finish: () => void = () => {};
  const allDone = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const worker = new Worker(
    "raw",
    async () => {
      if (++done === jobs) finish();
    },
    { connection: createRedis(redisUrl), prefix, concurrency: QUEUES.campaigns.concurrency, autorun: false },
  );
  try {
    const { seconds } = await timed(async () => {
      void worker.run();
      for (let i = 0; i < jobs; i += 1_000) {
        await queue.addBulk(
          Array.from({ length: Math.min(1_000, jobs - i) }, (_, k) => ({
            name: "empty",
            data: { n: i + k },
            opts: { removeOnComplete: true },
          })),
        );
      }
      await allDone;
    });
    return { seconds, perSecond: jobs / seconds };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
  }
}

/**
 * Signs in as the CRM manager through the real form (in Chromium, as the lookup bench does), then
 * fetches the campaign's detail page every WEB_POLL_MS until stopped, as its auto-refresh would.
 */
async function watchProgress(baseUrl: string, campaignId: string) {
  const browser = await launchChromium();
  let cookie: string;
  try {
    const state = await signedInState(browser, baseUrl, "crm@dangol.local", "dangol-crm-1");
    cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/campaigns/${campaignId}`, { headers: { cookie } });
      await response.text();
      if (!response.ok) throw new CliError(`GET /campaigns/${campaignId}: ${response.status}`);
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, WEB_POLL_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { count: times.length, p95Ms: times.length ? Math.round(percentile(times, 95)) : null };
    },
  };
}

export function campaignBenchCommand(): Command {
  return new Command("campaign")
    .description(
      "a 1M-recipient SMS campaign through the outbox, launch to done, vs raw BullMQ empty-job throughput; peak RSS",
    )
    .option("--recipients <n>", "recipients (synthetic customers, all consenting)", "1000000")
    .option("--empty-jobs <n>", "empty jobs for the raw BullMQ baseline", "100000")
    .option("--no-web", "leave out the web server (its progress page during the run and its peak RSS)")
    .option("--no-build", "use the existing production build of the web app (apps/web/.next)")
    .action(async (raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      const options = parsed.data;
      const startedAt = new Date().toISOString();
      const { REDIS_URL } = parseEnv(redisEnv);
      const log = (line: string) => process.stderr.write(`${line}\n`);

      const base = await ensureSyntheticDatabase(CAMPAIGN_BENCH_DATABASE, options.recipients, log, addConsents);
      if (base.builtSeconds !== null) log(`built ${CAMPAIGN_BENCH_DATABASE} in ${base.builtSeconds.toFixed(0)} s`);
      const target = await freshTarget(base.url);
      if (options.web && options.build) {
        log("building the web app …");
        buildWeb();
      }
      const web = options.web
        ? await startNext(
            webDir(),
            { DATABASE_URL: base.url, AUTH_SECRET: parseEnv(authEnv).AUTH_SECRET },
            "/api/health",
          )
        : null;

      const prefix = `bench-campaign-${Date.now()}`;
      const worker = await startBenchWorker({ DATABASE_URL: base.url, REDIS_URL, DANGOL_QUEUE_PREFIX: prefix });
      const connection = createRedis(REDIS_URL);
      const producer = new JobProducer(connection, prefix);
      const prisma = createPrismaClient(base.url);
      try {
        const userOf = async (email: string): Promise<CampaignUser> => {
          const u = await prisma.user.findUniqueOrThrow({ where: { email } });
          return { id: u.id, email: u.email, role: u.role };
        };
        const [crm, admin] = await Promise.all([userOf("crm@dangol.local"), userOf("admin@dangol.local")]);
        const { id } = await createCampaign(prisma, crm, {
          name: `bench ${options.recipients} SMS`,
          theme: "vip_retention",
          segmentId: target.segmentId,
          channels: [{ channel: "SMS", text: "{{name}}님, 이번 주 단골 혜택을 확인하세요.", costPerContact: 9 }],
          schedule: { kind: "once", at: new Date(Date.now() + 86_400_000).toISOString() },
          budget: options.recipients * 10,
        });
        await campaignAction(prisma, producer, admin, id, "approve");
        await campaignAction(prisma, producer, crm, id, "schedule");

        const campaignId = BigInt(id);
        const watcher = web ? await watchProgress(web.baseUrl, id) : null;
        const launch = await timed(async () => {
          await campaignAction(prisma, producer, crm, id, "start");
          const run = await prisma.campaignRun.findFirstOrThrow({ where: { campaignId } });
          // Polled every 2 s from the batches (a thousand rows), not by counting the contacts: a
          // count over a million contacts every 200 ms took a core from the run it measured.
          let last = 0;
          for (;;) {
            if (worker.exited()) throw new CliError(`the worker exited: ${worker.log().slice(-800)}`);
            const current = await prisma.campaignRun.findUniqueOrThrow({ where: { id: run.id } });
            if (current.status === "failed") throw new CliError(`the run failed: ${current.error}`);
            if (current.status === "done") return current;
            if (Date.now() - last > 10_000) {
              const open = await prisma.campaignBatch.count({ where: { runId: run.id, doneAt: null } });
              log(`run ${current.status}: ${current.batches - open} of ${current.batches} batches`);
              last = Date.now();
            }
            await new Promise((resolve) => setTimeout(resolve, 2_000));
          }
        });
        const workerPeakMib = peakRssMib(worker.pid);
        const pageViews = (await watcher?.stop()) ?? null;
        const webPeakMib = web ? peakRssMib(web.pid) : null;
        const run = launch.value;
        const counts = await prisma.campaignContact.groupBy({
          by: ["status"],
          where: { runId: run.id },
          _count: { _all: true },
        });
        const byStatus = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
        const planned = await prisma.campaignRun.findUniqueOrThrow({ where: { id: run.id } });
        const baseline = await rawBullmq(REDIS_URL, options.emptyJobs);
        const contactsPerSecond = (byStatus.SENT ?? 0) / launch.seconds;
        const rows: BenchRow[] = [
          {
            path: "campaign: launch → every contact final (outbox, worker process)",
            items: byStatus.SENT ?? 0,
            seconds: launch.seconds,
            "per second": contactsPerSecond,
            "peak RSS MiB": workerPeakMib,
          },
          {
            path: `raw BullMQ: empty jobs, concurrency ${QUEUES.campaigns.concurrency}`,
            items: options.emptyJobs,
            seconds: baseline.seconds,
            "per second": baseline.perSecond,
            "peak RSS MiB": null,
          },
          {
            path: "ratio: contacts/s ÷ empty jobs/s",
            items: null,
            seconds: null,
            "per second": contactsPerSecond / baseline.perSecond,
            "peak RSS MiB": null,
          },
          {
            path: web
              ? `web: /campaigns/[id] every ${WEB_POLL_MS / 1000} s during the run (p95 ${pageViews?.p95Ms ?? "?"} ms, ${pageViews?.count ?? 0} views)`
              : "web: not started (--no-web)",
            items: null,
            seconds: null,
            "per second": null,
            "peak RSS MiB": webPeakMib,
          },
          {
            path: "launching process (CLI, as the web's server action)",
            items: null,
            seconds: null,
            "per second": null,
            "peak RSS MiB": peakRssMib(),
          },
        ];
        console.log(formatBenchTable(rows));
        const notes = [
          `snapshot ${planned.snapshotSize}, eligible ${planned.eligible}, target ${planned.target}, control ${planned.control}, batches ${planned.batches}`,
          `final states: ${JSON.stringify(byStatus)}`,
          "SMS rate limit lifted to 100,000/s for the bench (the default is 500/s); every customer has night-time consent (the bench runs at any hour)",
        ];
        for (const note of notes) console.log(note);
        const file = writeBenchResult({
          bench: "campaign",
          startedAt,
          parameters: { ...options, database: CAMPAIGN_BENCH_DATABASE },
          rows,
          notes,
        });
        console.log(`written ${file}`);
      } finally {
        await web?.stop();
        await prisma.$disconnect();
        await producer.close();
        await connection.quit();
        await worker.stop();
      }
    });
}
