/**
 * `dangol bench segments`: the segment builder's live count (countSegment: the compiled query for
 * the members' size and spend; the base's figures, read once a minute, timed as a row of their own) p50/p95 over a fixed mix of definitions, from
 * one simple rule to the issue's nested example and an in_segment reference, on the demo scale
 * (50k synthetic customers, `dangol_bench_demo`, shared with `bench dashboards` under its lock)
 * and on the bench scale (`dangol_bench_synthetic`, 1M customers). Targets: p95 < 300 ms at 50k,
 * < 2 s at 1M.
 */
import { createPrismaClient } from "@dangol/db/client";
import { type SegmentGroup, type SegmentNode, segmentDefinitionSchema } from "@dangol/domain";
import { countSegment, readBaseFigures, SEGMENT_SESSION_OPTIONS, seedReadyMadeSegments } from "@dangol/segments";
import { Command } from "commander";
import pg from "pg";
import { z } from "zod";
import { CliError } from "../../errors.ts";
import { SYNTHETIC_ANALYTICS_DATABASE } from "./analytics-synthetic.ts";
import { benchBase, DEMO_BENCH_DATABASE, DEMO_CUSTOMERS, demoBase } from "./published-base.ts";
import { type BenchRow, formatBenchTable, percentile, writeBenchResult } from "./report.ts";

const TARGET_MS = { demo: 300, bench: 2_000 } as const;

const options = z.object({
  demoDatabaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "--demo-database-url must be a postgresql:// URL")
    .optional(),
  customers: z.coerce
    .number({ error: "--customers must be a number" })
    .int()
    .min(1_000, "--customers must be at least 1,000")
    .max(5_000_000, "--customers must be at most 5,000,000"),
  runs: z.coerce
    .number({ error: "--runs must be a number" })
    .int()
    .min(2, "--runs must be at least 2")
    .max(200, "--runs must be at most 200"),
  bench: z.boolean(),
});
type Options = z.output<typeof options>;

const and = (...children: SegmentNode[]): SegmentGroup => ({ kind: "group", op: "and", negate: false, children });
const or = (...children: SegmentNode[]): SegmentGroup => ({ kind: "group", op: "or", negate: false, children });
const not = (...children: SegmentNode[]): SegmentGroup => ({ kind: "group", op: "and", negate: true, children });

const ISSUE_EXAMPLE = and(
  or({ kind: "rule", field: "tier", tiers: ["GOLD"] }, { kind: "rule", field: "tier", tiers: ["VIP"] }),
  { kind: "rule", field: "formats_used", formats: ["MART", "SM"], mode: "only", withinDays: 365 },
  not({ kind: "rule", field: "formats_used", formats: ["DPT"], mode: "any", withinDays: 365 }),
  { kind: "rule", field: "consent", channel: "SMS", granted: true },
);

/** Simple → nested; `{{issue}}` in the last one is the saved issue example's id. */
const MIX: { key: string; definition: SegmentGroup }[] = [
  { key: "tier GOLD|VIP", definition: and({ kind: "rule", field: "tier", tiers: ["GOLD", "VIP"] }) },
  {
    key: "lifecycle at_risk|dormant",
    definition: and({ kind: "rule", field: "lifecycle", stages: ["at_risk", "dormant"] }),
  },
  { key: "SMS consent", definition: and({ kind: "rule", field: "consent", channel: "SMS", granted: true }) },
  {
    key: "profile: 30s|40s women in Seoul/Gyeonggi",
    definition: and(
      { kind: "rule", field: "age_band", bands: ["30s", "40s"] },
      { kind: "rule", field: "gender", genders: ["FEMALE"] },
      { kind: "rule", field: "region", sido: ["서울특별시", "경기도"] },
    ),
  },
  {
    key: "RFM champions|loyal, P(alive) ≥ 0.5",
    definition: and(
      { kind: "rule", field: "rfm_segment", segments: ["Champions", "Loyal"] },
      { kind: "rule", field: "p_alive", op: "gte", value: 0.5 },
    ),
  },
  {
    key: "spend ≥ ₩1M in 365 d",
    definition: and({ kind: "rule", field: "spend", withinDays: 365, op: "gte", amount: 1_000_000 }),
  },
  {
    key: "visits ≤ 2 in 90 d",
    definition: and({ kind: "rule", field: "visits", withinDays: 90, op: "lte", count: 2 }),
  },
  {
    key: "formats MART+SM all in 365 d",
    definition: and({ kind: "rule", field: "formats_used", formats: ["MART", "SM"], mode: "all", withinDays: 365 }),
  },
  {
    key: "bought 10, not 1030 in 90 d",
    definition: and(
      { kind: "rule", field: "category_bought", category: "10", withinDays: 90 },
      { kind: "rule", field: "category_not_bought", category: "1030", withinDays: 90 },
    ),
  },
  {
    key: "points ≥ 5,000 or expiring ≥ 1,000 in 30 d",
    definition: or(
      { kind: "rule", field: "points_balance", op: "gte", amount: 5_000 },
      { kind: "rule", field: "points_expiring", withinDays: 30, op: "gte", amount: 1_000 },
    ),
  },
  { key: "issue example (nested)", definition: ISSUE_EXAMPLE },
  {
    key: "in_segment(issue) or cycle due, not downgrade risk",
    definition: and(
      or(
        { kind: "rule", field: "in_segment", segmentId: "{{issue}}" },
        { kind: "rule", field: "cycle_due", withinDays: 7 },
      ),
      { kind: "rule", field: "downgrade_risk", atRisk: false },
    ),
  },
];

const round = (ms: number) => Math.round(ms * 10) / 10;

export function segmentsBenchCommand(): Command {
  return new Command("segments")
    .description("the segment builder's live count p50/p95 over a fixed mix of definitions at 50k and 1M customers")
    .option("--demo-database-url <url>", `demo-scale base to measure instead of the synthetic ${DEMO_BENCH_DATABASE}`)
    .option("--customers <n>", "customers of the synthetic demo-scale base", String(DEMO_CUSTOMERS))
    .option("--runs <n>", "timed runs per definition (after one warm-up)", "10")
    .option("--no-bench", `skip the 1M figures on ${SYNTHETIC_ANALYTICS_DATABASE}`)
    .action(async (raw: unknown) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "bad options");
      await benchSegments(parsed.data);
    });
}

async function benchSegments(o: Options): Promise<void> {
  const startedAt = new Date().toISOString();
  const say = (text: string) => process.stderr.write(`${text}\n`);
  const notes: string[] = [];
  const rows: BenchRow[] = [];
  const bases: { scale: "demo" | "bench"; url: string }[] = [
    { scale: "demo", url: o.demoDatabaseUrl ?? (await demoBase(say, notes, o.customers)) },
  ];
  if (o.bench) bases.push({ scale: "bench", url: await benchBase(say, notes) });
  for (const base of bases) rows.push(...(await measure(base.scale, base.url, o.runs, say, notes)));

  notes.push(
    `${o.runs} timed run(s) per definition after one warm-up, on one pooled connection; ms = countSegment's server time (the compiled query: members and their 12-month spend); the base's size and spend are read once a minute per pool (their own row), so the first count in a minute costs that row's time more`,
    `targets: p95 < ${TARGET_MS.demo} ms at the demo scale, < ${TARGET_MS.bench} ms at the bench scale`,
  );
  console.log(formatBenchTable(rows));
  const file = writeBenchResult({ bench: "segments", startedAt, parameters: { runs: o.runs }, rows, notes });
  for (const note of notes) console.log(`- ${note}`);
  console.log(`\nwritten ${file}`);
}

async function measure(
  scale: "demo" | "bench",
  url: string,
  runs: number,
  say: (line: string) => void,
  notes: string[],
): Promise<BenchRow[]> {
  const database = new URL(url).pathname.slice(1);
  // the web app's count pool settings (segmentPool)
  const pool = new pg.Pool({ connectionString: url, max: 1, options: SEGMENT_SESSION_OPTIONS });
  try {
    const asOf = await lastRefresh(pool);
    const issueId = await savedIssueExample(url);
    notes.push(`${database}: asOf ${asOf} (the last refresh's)`);
    const rows: BenchRow[] = [];
    for (const item of MIX) {
      const definition = segmentDefinitionSchema.parse(
        JSON.parse(JSON.stringify(item.definition).replaceAll("{{issue}}", issueId)),
      );
      say(`${database}: ${item.key} …`);
      const first = await countSegment(pool, definition, { asOf });
      const times: number[] = [];
      for (let run = 0; run < runs; run++) times.push((await countSegment(pool, definition, { asOf })).ms);
      const p95 = percentile(times, 95);
      rows.push({
        scale,
        customers: first.baseSize,
        definition: item.key,
        size: first.size,
        p50_ms: round(percentile(times, 50)),
        p95_ms: round(p95),
        target_ms: TARGET_MS[scale],
        ok: p95 < TARGET_MS[scale] ? "yes" : "NO",
      });
      say(`  ${times.map(round).join(", ")} ms`);
    }
    const baseTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await readBaseFigures(pool);
      baseTimes.push(performance.now() - started);
    }
    rows.push({
      scale,
      customers: rows[0]?.customers ?? 0,
      definition: "base figures (read once a minute)",
      size: rows[0]?.customers ?? 0,
      p50_ms: round(percentile(baseTimes, 50)),
      p95_ms: round(percentile(baseTimes, 95)),
      target_ms: TARGET_MS[scale],
      ok: percentile(baseTimes, 95) < TARGET_MS[scale] ? "yes" : "NO",
    });
    return rows;
  } finally {
    await pool.end();
  }
}

async function lastRefresh(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ as_of: string | null }>(
    "SELECT to_char(max(as_of), 'YYYY-MM-DD') AS as_of FROM analytics_run WHERE status = 'succeeded'",
  );
  const asOf = rows[0]?.as_of;
  if (!asOf) throw new CliError("the base has no finished analytics refresh: run dangol analytics refresh on it first");
  return asOf;
}

/** The ready-made segments (seeded idempotently) and the issue's example saved once, for in_segment. */
async function savedIssueExample(url: string): Promise<string> {
  const prisma = createPrismaClient(url);
  try {
    await seedReadyMadeSegments(prisma);
    const name = "bench: issue example";
    const existing = await prisma.segment.findFirst({ where: { name, deletedAt: null }, select: { id: true } });
    if (existing) return String(existing.id);
    const owner = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true } });
    const created = await prisma.segment.create({
      data: { name, ownerId: owner.id, definition: ISSUE_EXAMPLE, description: "dangol bench segments" },
    });
    return String(created.id);
  } finally {
    await prisma.$disconnect();
  }
}
