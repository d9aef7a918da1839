import { loadAnalyticsConfig, withAnalyticsClient } from "@dangol/analytics";
import { getPrisma } from "@dangol/db/client";
import type { AnalyticsConfig } from "@dangol/domain/analytics";
import { cache } from "react";
import { z } from "zod";
import { env } from "@/env";

export type RunRow = {
  id: string;
  trigger: string;
  requestedBy: string | null;
  status: string;
  asOf: Date;
  step: string | null;
  progress: number;
  stepDurations: Record<string, number>;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const durations = z.record(z.string(), z.number()).catch({});

export async function listRuns(limit = 10): Promise<RunRow[]> {
  const rows = await getPrisma().analyticsRun.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id.toString(),
    trigger: r.trigger,
    requestedBy: r.requestedBy,
    status: r.status,
    asOf: r.asOf,
    step: r.step,
    progress: r.progress,
    stepDurations: durations.parse(r.stepDurations ?? {}),
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  }));
}

/** A run still moving: queued or running, created within the last day (older ones are abandoned). */
export function isLive(run: RunRow): boolean {
  return (run.status === "queued" || run.status === "running") && Date.now() - run.createdAt.getTime() < 86_400_000;
}

const bgnbdParams = z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() });
const ggParams = z.object({ p: z.number(), q: z.number(), v: z.number() });
const calibration = z.object({
  holdoutDays: z.number(),
  customers: z.number(),
  predicted: z.number(),
  actual: z.number(),
  ratio: z.number().nullable(),
  byCalibrationFrequency: z.array(
    z.object({ x: z.string(), customers: z.number(), meanPredicted: z.number(), meanActual: z.number() }),
  ),
});

export type ModelFits = {
  runId: string;
  createdAt: Date;
  bgnbd: { params: z.output<typeof bgnbdParams>; logLik: number; customers: number } | null;
  gammaGamma: { params: z.output<typeof ggParams>; logLik: number; customers: number } | null;
  calibration: z.output<typeof calibration> | null;
};

/** The fits of the latest run that stored any; stored JSON is re-parsed so a shape change shows as "none". */
export async function latestModelFits(): Promise<ModelFits | null> {
  const db = getPrisma();
  const last = await db.modelFit.findFirst({ orderBy: { id: "desc" }, select: { runId: true } });
  if (!last) return null;
  const fits = await db.modelFit.findMany({ where: { runId: last.runId } });
  const bg = fits.find((f) => f.kind === "bgnbd");
  const gg = fits.find((f) => f.kind === "gammagamma");
  const bgP = bg ? bgnbdParams.safeParse(bg.params) : null;
  const ggP = gg ? ggParams.safeParse(gg.params) : null;
  const cal = bg?.calibration ? calibration.safeParse(bg.calibration) : null;
  return {
    runId: last.runId.toString(),
    createdAt: (bg ?? gg)?.createdAt ?? new Date(0),
    bgnbd: bg && bgP?.success ? { params: bgP.data, logLik: bg.logLik, customers: bg.customers } : null,
    gammaGamma: gg && ggP?.success ? { params: ggP.data, logLik: gg.logLik, customers: gg.customers } : null,
    calibration: cal?.success ? cal.data : null,
  };
}

export type Distribution = { key: string; customers: number }[];

export async function metricsDistributions(): Promise<{
  total: number;
  tiers: Distribution;
  segments: Distribution;
  stages: Distribution;
}> {
  const db = getPrisma();
  const [total, tiers, segments, stages] = await Promise.all([
    db.customerMetrics.count(),
    db.customerMetrics.groupBy({ by: ["tierCode"], _count: { _all: true } }),
    db.customerMetrics.groupBy({ by: ["rfmSegment"], _count: { _all: true } }),
    db.customerMetrics.groupBy({ by: ["lifecycleStage"], _count: { _all: true } }),
  ]);
  const sorted = (rows: { key: string; customers: number }[]) => rows.sort((a, b) => b.customers - a.customers);
  return {
    total,
    tiers: tiers.map((r) => ({ key: r.tierCode, customers: r._count._all })),
    segments: sorted(segments.map((r) => ({ key: r.rfmSegment ?? "", customers: r._count._all }))),
    stages: sorted(stages.map((r) => ({ key: r.lifecycleStage, customers: r._count._all }))),
  };
}

export type BasketRuleRow = {
  lhs: string[];
  rhs: string;
  support: number;
  confidence: number;
  lift: number;
  count: number;
};

/** Category rules of the latest refresh, strongest lift first, with category names instead of codes. */
export async function topBasketRules(limit = 20): Promise<{ rules: BasketRuleRow[]; names: Map<string, string> }> {
  const db = getPrisma();
  const rules = await db.associationRule.findMany({
    where: { level: "category" },
    orderBy: [{ lift: "desc" }, { confidence: "desc" }, { id: "asc" }],
    take: limit,
  });
  const codes = [...new Set(rules.flatMap((r) => [...r.lhs, r.rhs]))];
  const categories = codes.length
    ? await db.category.findMany({ where: { code: { in: codes } }, select: { code: true, nameKo: true, nameEn: true } })
    : [];
  return {
    rules: rules.map((r) => ({
      lhs: r.lhs,
      rhs: r.rhs,
      support: r.support,
      confidence: r.confidence,
      lift: r.lift,
      count: r.count,
    })),
    names: new Map(categories.map((c) => [c.code, c.nameKo])),
  };
}

/** The settings in force (highest version of each kind), once per request. */
export const loadConfig = cache(
  async (): Promise<AnalyticsConfig> =>
    withAnalyticsClient(env().DATABASE_URL, (client) => loadAnalyticsConfig(client)),
);

/** Every stored version of the tier rules, newest first. */
export async function tierVersions(
  limit = 20,
): Promise<{ version: number; createdBy: string; createdAt: Date; note: string | null }[]> {
  return getPrisma().analyticsConfig.findMany({
    where: { kind: "tiers" },
    orderBy: { version: "desc" },
    take: limit,
    select: { version: true, createdBy: true, createdAt: true, note: true },
  });
}
