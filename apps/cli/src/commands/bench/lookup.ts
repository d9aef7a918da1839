/**
 * `dangol bench lookup`: the store lookup on a bench-size customer base (1M by default).
 * (1) Server time of the search and of the customer card, p50/p95 over many lookups by each kind
 * of key, measured as the full response of the server-rendered page over loopback.
 * (2) First-load JavaScript and total transfer of /lookup beside a bare App Router page built
 * with the same Next.js in the same run.
 * (3) The counter path in Chromium under slow 3G, `runs` cold runs each: navigation → search
 * usable, search submitted → card on screen — with JavaScript, searching at once (the search then
 * shares the line with the page's ~150 KB of scripts still arriving) and once the page settled
 * (what a clerk who types for a few seconds sees), and without JavaScript.
 */
import { authEnv, parseEnv } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { upsertFixtureUser } from "@dangol/db/seed";
import { Command } from "commander";
import type { BrowserContext } from "playwright-core";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import {
  type CounterPath,
  firstLoadTransfer,
  launchChromium,
  type PathTiming,
  signedInState,
  timeCounterPath,
} from "./lookup-browser.ts";
import { bareNextDir, buildBareNext, buildWeb, startNext, webDir } from "./lookup-servers.ts";
import { ensureLookupWarehouse, lookupTargets } from "./lookup-warehouse.ts";
import { type BenchRow, formatBenchTable, percentile, writeBenchResult } from "./report.ts";

const options = z.object({
  customers: z.coerce.number().int().min(1000).max(20_000_000),
  searches: z.coerce.number().int().min(10).max(5000),
  runs: z.coerce.number().int().min(1).max(100),
  build: z.boolean(),
});

/** How the clerk searches; each kind is a GET of the lookup page with these parameters. */
const SEARCHES = {
  "last 4 + name": (t: Target) => ({ key: t.last4, name: t.name }),
  "last 4 + first character": (t: Target) => ({ key: t.last4, name: t.name.slice(0, 1) }),
  "full phone": (t: Target) => ({ key: t.phone }),
  "card number": (t: Target) => ({ key: t.card }),
} as const;
type Target = Awaited<ReturnType<typeof lookupTargets>>[number];

/** Lookups per signed-in user before the next one takes over: stays under the per-user rate limit. */
const LOOKUPS_PER_USER = 50;
const BENCH_PASSWORD = "bench-lookup-password-1";

const ms = (n: number) => Math.round(n * 10) / 10;

export function lookupBenchCommand(): Command {
  return new Command("lookup")
    .description(
      "store lookup at bench scale: server p50/p95 per search kind and for the card, first-load JS vs a bare Next.js page, slow-3G Chromium runs with and without JavaScript",
    )
    .option("--customers <n>", "synthetic customers in the bench base", "1000000")
    .option("--searches <n>", "timed server lookups per search kind", "100")
    .option("--runs <n>", "throttled Chromium runs, each with JavaScript on and off", "20")
    .option("--no-build", "use the existing production builds (apps/web/.next and the bare page)")
    .action(async (raw: unknown) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      await benchLookup(parsed.data);
    });
}

async function benchLookup(opts: z.infer<typeof options>): Promise<void> {
  const startedAt = new Date().toISOString();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const { AUTH_SECRET } = parseEnv(authEnv);
  const warehouse = await ensureLookupWarehouse(opts.customers, log);
  const targets = await lookupTargets(warehouse.url, opts.searches + opts.runs);
  if (targets.length < opts.searches + opts.runs) throw new CliError("the bench base has too few customers");

  if (opts.build) {
    log("building the web app and the bare page …");
    buildWeb();
    buildBareNext();
  }
  const web = await startNext(
    webDir(),
    { DATABASE_URL: warehouse.url, AUTH_SECRET, DANGOL_QUEUE_PREFIX: `bench-lookup-${process.pid}` },
    "/api/health",
  );
  const bare = await startNext(bareNextDir(), {}, "/");
  const browser = await launchChromium();
  const prisma = createPrismaClient(warehouse.url);
  try {
    const store = await prisma.store.findFirstOrThrow({ where: { sourceCode: "MART" }, orderBy: { id: "asc" } });
    // A fresh clerk account whenever the current one has used its share of the rate limit.
    let used = LOOKUPS_PER_USER;
    let account = 0;
    let state: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
    const session = async () => {
      if (used >= LOOKUPS_PER_USER) {
        const email = `bench-lookup-${process.pid}-${account++}@bench.local`;
        await upsertFixtureUser(prisma, { email, role: "STORE_STAFF", password: BENCH_PASSWORD, storeId: store.id });
        state = await signedInState(browser, web.baseUrl, email, BENCH_PASSWORD);
        used = 0;
      }
      used++;
      return state!;
    };
    const cookieHeader = (s: NonNullable<typeof state>) => s.cookies.map((c) => `${c.name}=${c.value}`).join("; ");

    /** One GET as the signed-in clerk; `found` says whether the page (or the redirect it answered with) is right. */
    const timedGet = async (url: string, found: (response: Response, body: string) => boolean) => {
      const cookie = cookieHeader(await session());
      const started = performance.now();
      const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (!found(response, body)) throw new CliError(`GET ${url}: ${response.status}, not the expected customer`);
      return elapsed;
    };
    // A single match answers with a redirect to its card; several with the list (max 10 shown).
    const listsOrOpens = (id: string) => (response: Response, body: string) =>
      response.status === 200
        ? body.includes(`/lookup/${id}`)
        : (response.headers.get("location") ?? "").endsWith(`/lookup/${id}`);

    const rows: BenchRow[] = [];
    log(`server: ${opts.searches} lookups per kind …`);
    for (const [kind, params] of Object.entries(SEARCHES)) {
      const times: number[] = [];
      for (const t of targets.slice(0, opts.searches)) {
        const query = new URLSearchParams(params(t)).toString();
        // A first character alone can match more people than the page lists: the target may be cut off.
        const found =
          kind === "last 4 + first character"
            ? (r: Response, body: string) => r.status !== 200 || body.includes('data-testid="lookup-results"')
            : listsOrOpens(t.id);
        times.push(await timedGet(`${web.baseUrl}/lookup?${query}`, found));
      }
      rows.push({
        measure: `server: search by ${kind}`,
        n: times.length,
        p50: ms(percentile(times, 50)),
        p95: ms(percentile(times, 95)),
        target: "p95 < 100 ms",
      });
    }
    const cardTimes: number[] = [];
    for (const t of targets.slice(0, opts.searches))
      cardTimes.push(
        await timedGet(
          `${web.baseUrl}/lookup/${t.id}`,
          (r, body) => r.status === 200 && body.includes(t.phone.slice(-4)),
        ),
      );
    rows.push({
      measure: "server: customer card",
      n: cardTimes.length,
      p50: ms(percentile(cardTimes, 50)),
      p95: ms(percentile(cardTimes, 95)),
    });

    log("first-load transfer …");
    const context = await browser.newContext({ storageState: await session() });
    const ours = await firstLoadTransfer(context, `${web.baseUrl}/lookup`);
    await context.close();
    const bareContext = await browser.newContext();
    const baseline = await firstLoadTransfer(bareContext, `${bare.baseUrl}/`);
    await bareContext.close();
    const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
    rows.push(
      {
        measure: "first load: /lookup JS KiB (gzip)",
        value: kib(ours.jsBytes),
        "total KiB": kib(ours.totalBytes),
        requests: ours.requests,
      },
      {
        measure: "first load: bare Next.js page JS KiB",
        value: kib(baseline.jsBytes),
        "total KiB": kib(baseline.totalBytes),
        requests: baseline.requests,
      },
      { measure: "first load: /lookup adds JS KiB", value: kib(ours.jsBytes - baseline.jsBytes), target: "≤ 15 KiB" },
    );

    log(`slow 3G: ${opts.runs} runs each: JavaScript on (search at once / once the page settled), off …`);
    const variants = [
      { javaScript: true, settled: false, name: "JS on" },
      { javaScript: true, settled: true, name: "JS on, page settled" },
      { javaScript: false, settled: false, name: "JS off" },
    ];
    for (const { javaScript, settled, name } of variants) {
      const timings: PathTiming[] = [];
      for (const t of targets.slice(opts.searches, opts.searches + opts.runs)) {
        const counter: CounterPath = {
          url: `${web.baseUrl}/lookup`,
          searchInput: 'input[name="key"]',
          search: async (page) => {
            await page.locator('input[name="key"]').fill(t.last4);
            await page.locator('input[name="name"]').fill(t.name);
            await page.locator('input[name="name"]').press("Enter");
          },
          card: '[data-testid="customer-card"]',
          firstResult: `a[href="/lookup/${t.id}"]`,
        };
        timings.push(await timeCounterPath(browser, counter, { javaScript, settled, storageState: await session() }));
      }
      const usable = timings.map((x) => x.usableMs);
      const card = timings.map((x) => x.cardMs);
      rows.push(
        {
          measure: `slow 3G ${name}: navigation → search usable`,
          n: usable.length,
          p50: ms(percentile(usable, 50)),
          p95: ms(percentile(usable, 95)),
          target: "p95 < 2,000 ms",
        },
        {
          measure: `slow 3G ${name}: search → card on screen`,
          n: card.length,
          p50: ms(percentile(card, 50)),
          p95: ms(percentile(card, 95)),
          target: "p95 < 1,500 ms",
        },
      );
    }

    console.log(formatBenchTable(rows));
    console.log(
      `base: ${opts.customers.toLocaleString("en-US")} synthetic customers${warehouse.builtSeconds === null ? " (reused)" : ` (built in ${Math.round(warehouse.builtSeconds)} s)`}; times in ms`,
    );
    const file = writeBenchResult({
      bench: "lookup",
      startedAt,
      parameters: { ...opts, database: "dangol_bench_lookup" },
      rows,
    });
    console.log(`written ${file}`);
  } finally {
    await prisma.$disconnect();
    await browser.close();
    await web.stop();
    await bare.stop();
  }
}
