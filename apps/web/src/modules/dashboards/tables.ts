import {
  type DashboardFilters,
  type DashboardSql,
  loadCrossFormatView,
  loadOverview,
  loadRfmView,
  loadTierView,
  type Overview,
} from "@dangol/analytics/dashboards";
import { getPrisma } from "@dangol/db/client";
import { cache } from "react";
import { type Dictionary, fill } from "@/i18n/dictionaries";
import { type CustomerSelection, customersBehind } from "./filters.ts";

export const DASHBOARDS = ["overview", "tiers", "rfm", "cross-format"] as const;
export type DashboardName = (typeof DASHBOARDS)[number];

export type Column = { key: string; label: string; kind: "text" | "count" | "krw" | "number" };
/** `links`: the customer list behind a count cell, per column key. */
export type TableRow = { values: Record<string, string | number>; links: Record<string, string> };
export type ChartSpec = { kind: "bar" | "line" | "stacked"; x: string; series: string[] } | { kind: "grid" };

/**
 * One chart's data: drawn as a chart, shown as a table, downloaded as CSV — all three from this,
 * so the three never disagree.
 */
export type DashboardTable = {
  id: string;
  title: string;
  note?: string;
  empty?: string;
  chart: ChartSpec;
  columns: Column[];
  rows: TableRow[];
};

export const dashboardSql: DashboardSql = (text, values) =>
  getPrisma().$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);

const row = (
  f: DashboardFilters,
  values: Record<string, string | number>,
  links: Record<string, CustomerSelection>,
): TableRow => ({
  values,
  links: Object.fromEntries(Object.entries(links).map(([k, s]) => [k, customersBehind(f, s)])),
});

type Words = Dictionary;

export const loadOverviewData = cache(async (f: DashboardFilters) => loadOverview(dashboardSql, f));

export function overviewTables(o: Overview, f: DashboardFilters, t: Words): DashboardTable[] {
  const d = t.dashboards;
  const breakdown = (
    id: string,
    title: string,
    label: string,
    rows: Overview["byCombo"],
    name: (key: string) => string,
    select: (key: string) => CustomerSelection,
  ): DashboardTable => ({
    id,
    title,
    chart: { kind: "bar", x: "key", series: ["customers", "active"] },
    columns: [
      { key: "key", label, kind: "text" },
      { key: "customers", label: d.col.customers, kind: "count" },
      { key: "active", label: d.col.active, kind: "count" },
      { key: "spend12m", label: d.col.spend12m, kind: "krw" },
    ],
    rows: rows.map((r) =>
      row(
        f,
        { key: name(r.key), customers: r.customers, active: r.active, spend12m: r.spend12m },
        { customers: select(r.key), active: { ...select(r.key), active: "1" } },
      ),
    ),
  });
  return [
    breakdown(
      "overview-combo",
      d.chart.byCombo,
      d.col.combo,
      o.byCombo,
      (k) => k,
      (k) => ({ combo: k }),
    ),
    breakdown(
      "overview-tier",
      d.chart.byTier,
      d.col.tier,
      o.byTier,
      (k) => k,
      (k) => ({ tier: k }),
    ),
    breakdown(
      "overview-stage",
      d.chart.byStage,
      d.col.stage,
      o.byStage,
      (k) => t.analytics.stageNames[k] ?? k,
      (k) => ({ stage: k as CustomerSelection["stage"] }),
    ),
    breakdown(
      "overview-region",
      d.chart.byRegion,
      d.col.region,
      o.byRegion,
      (k) => k,
      (k) => ({ sido: k }),
    ),
    {
      id: "overview-trend",
      title: d.chart.trend,
      note: d.chart.trendNote,
      chart: { kind: "stacked", x: "month", series: ["newBuyers", "returning"] },
      columns: [
        { key: "month", label: d.col.month, kind: "text" },
        { key: "buyers", label: d.col.buyers, kind: "count" },
        { key: "newBuyers", label: d.col.newBuyers, kind: "count" },
        { key: "returning", label: d.col.returning, kind: "count" },
        { key: "spend", label: d.col.spend, kind: "krw" },
        { key: "spendPerBuyer", label: d.col.spendPerBuyer, kind: "krw" },
      ],
      rows: o.trend.map((r) =>
        row(
          f,
          {
            month: r.month,
            buyers: r.buyers,
            newBuyers: r.newBuyers,
            returning: r.returning,
            spend: r.spend,
            spendPerBuyer: r.spendPerBuyer,
          },
          {
            buyers: { bought: r.month },
            newBuyers: { bought: r.month, buyer: "new" },
            returning: { bought: r.month, buyer: "returning" },
          },
        ),
      ),
    },
  ];
}

export async function tierTables(f: DashboardFilters, t: Words): Promise<DashboardTable[]> {
  const d = t.dashboards;
  const v = await loadTierView(dashboardSql, f);
  const tierName = (code: string) => (code === "NONE" ? d.noTier : code);
  const toTiers = [...new Set(v.migration.map((m) => m.to))].sort();
  const fromTiers = [...new Set(v.migration.map((m) => m.from))].sort();
  const watchTiers = [...new Set([...v.upgradeCandidates, ...v.downgradeRisks].map((w) => w.tier))].sort();
  return [
    {
      id: "tiers-distribution",
      title: d.chart.tierDistribution,
      chart: { kind: "bar", x: "key", series: ["customers"] },
      columns: [
        { key: "key", label: d.col.tier, kind: "text" },
        { key: "customers", label: d.col.customers, kind: "count" },
        { key: "active", label: d.col.active, kind: "count" },
        { key: "spend12m", label: d.col.spend12m, kind: "krw" },
      ],
      rows: v.distribution
        .sort((a, b) => b.spend12m / Math.max(b.customers, 1) - a.spend12m / Math.max(a.customers, 1))
        .map((r) =>
          row(
            f,
            { key: r.key, customers: r.customers, active: r.active, spend12m: r.spend12m },
            { customers: { tier: r.key }, active: { tier: r.key, active: "1" } },
          ),
        ),
    },
    {
      id: "tiers-migration",
      title: v.evaluatedOn ? fill(d.chart.tierMigration, { day: v.evaluatedOn }) : d.chart.tierMigrationNone,
      chart: { kind: "stacked", x: "from", series: toTiers.map((to) => `to:${to}`) },
      columns: [
        { key: "from", label: `${d.col.from} \\ ${d.col.to}`, kind: "text" },
        ...toTiers.map((to) => ({ key: `to:${to}`, label: to, kind: "count" as const })),
      ],
      rows: fromTiers.map((from) =>
        row(
          f,
          {
            from: tierName(from),
            ...Object.fromEntries(
              toTiers.map((to) => [
                `to:${to}`,
                v.migration.find((m) => m.from === from && m.to === to)?.customers ?? 0,
              ]),
            ),
          },
          Object.fromEntries(toTiers.map((to) => [`to:${to}`, { tierFrom: from, tierTo: to }])),
        ),
      ),
    },
    {
      id: "tiers-watch",
      title: d.chart.tierWatch,
      chart: { kind: "bar", x: "tier", series: ["upgrade", "downgrade"] },
      columns: [
        { key: "tier", label: d.col.tier, kind: "text" },
        { key: "upgrade", label: d.col.upgrade, kind: "count" },
        { key: "downgrade", label: d.col.downgrade, kind: "count" },
      ],
      rows: watchTiers.map((tier) =>
        row(
          f,
          {
            tier,
            upgrade: v.upgradeCandidates.find((w) => w.tier === tier)?.customers ?? 0,
            downgrade: v.downgradeRisks.find((w) => w.tier === tier)?.customers ?? 0,
          },
          { upgrade: { tier, watch: "upgrade" }, downgrade: { tier, watch: "downgrade" } },
        ),
      ),
    },
  ];
}

type RfmGroup = NonNullable<CustomerSelection["rfm"]>;

export async function rfmTables(f: DashboardFilters, t: Words): Promise<DashboardTable[]> {
  const d = t.dashboards;
  const v = await loadRfmView(dashboardSql, f);
  const groupName = (key: string) => t.analytics.segmentNames[key] ?? key;
  const froms = [...new Set(v.movement.map((m) => m.from))].sort();
  const tos = [...new Set(v.movement.map((m) => m.to))].sort();
  return [
    {
      id: "rfm-grid",
      title: d.chart.rfmGrid,
      chart: { kind: "grid" },
      columns: [
        { key: "r", label: d.col.r, kind: "number" },
        { key: "f", label: d.col.f, kind: "number" },
        { key: "customers", label: d.col.customers, kind: "count" },
        { key: "monetary", label: d.col.monetary, kind: "krw" },
      ],
      rows: v.grid
        .sort((a, b) => b.r - a.r || a.f - b.f)
        .map((c) =>
          row(
            f,
            { r: c.r, f: c.f, customers: c.customers, monetary: c.monetary },
            { customers: { r: String(c.r) as "1", f: String(c.f) as "1" } },
          ),
        ),
    },
    {
      id: "rfm-groups",
      title: d.chart.rfmGroups,
      chart: { kind: "bar", x: "group", series: ["customers"] },
      columns: [
        { key: "group", label: d.col.group, kind: "text" },
        { key: "customers", label: d.col.customers, kind: "count" },
        { key: "monetary", label: d.col.monetary, kind: "krw" },
      ],
      rows: v.groups.map((g) =>
        row(
          f,
          { group: groupName(g.key), customers: g.customers, monetary: g.monetary },
          { customers: { rfm: g.key as RfmGroup } },
        ),
      ),
    },
    {
      id: "rfm-movement",
      title: v.previousMonth ? fill(d.chart.rfmMovement, { month: v.previousMonth }) : d.chart.rfmMovementNone,
      chart: { kind: "stacked", x: "from", series: tos.map((to) => `to:${to}`) },
      columns: [
        { key: "from", label: `${d.col.from} \\ ${d.col.to}`, kind: "text" },
        ...tos.map((to) => ({ key: `to:${to}`, label: groupName(to), kind: "count" as const })),
      ],
      rows: froms.map((from) =>
        row(
          f,
          {
            from: groupName(from),
            ...Object.fromEntries(
              tos.map((to) => [`to:${to}`, v.movement.find((m) => m.from === from && m.to === to)?.customers ?? 0]),
            ),
          },
          Object.fromEntries(tos.map((to) => [`to:${to}`, { rfmFrom: from as RfmGroup, rfm: to as RfmGroup }])),
        ),
      ),
    },
  ];
}

export async function crossFormatTables(f: DashboardFilters, t: Words): Promise<DashboardTable[]> {
  const d = t.dashboards;
  const v = await loadCrossFormatView(dashboardSql, f);
  return [
    {
      id: "cross-combos",
      title: d.chart.crossCombos,
      chart: { kind: "bar", x: "combo", series: ["spendPerCustomer"] },
      columns: [
        { key: "combo", label: d.col.combo, kind: "text" },
        { key: "customers", label: d.col.customers, kind: "count" },
        { key: "spend12m", label: d.col.spend12m, kind: "krw" },
        { key: "spendPerCustomer", label: d.col.spendPerCustomer, kind: "krw" },
        { key: "visits12m", label: d.col.visits12m, kind: "number" },
      ],
      rows: v.combos.map((c) =>
        row(
          f,
          {
            combo: c.key,
            customers: c.customers,
            spend12m: c.spend12m,
            spendPerCustomer: c.spendPerCustomer,
            visits12m: c.visits12m,
          },
          { customers: { combo: c.key } },
        ),
      ),
    },
    {
      id: "cross-gained",
      title: fill(d.chart.crossGained, { since: v.since ?? "—" }),
      chart: { kind: "bar", x: "pair", series: ["customers"] },
      columns: [
        { key: "pair", label: `${d.col.gainedFrom} → ${d.col.gainedTo}`, kind: "text" },
        { key: "customers", label: d.col.customers, kind: "count" },
      ],
      rows: v.gained
        .sort((a, b) => b.customers - a.customers)
        .map((g) =>
          row(
            f,
            { pair: `${g.from} → ${g.to}`, customers: g.customers },
            {
              customers: {
                gained: g.to as "DPT",
                gainedFrom: g.from as "DPT",
                since: v.since ?? undefined,
              },
            },
          ),
        ),
    },
  ];
}

/** Every chart of a dashboard (the CSV route picks one by id). */
export async function dashboardTables(name: DashboardName, f: DashboardFilters, t: Words): Promise<DashboardTable[]> {
  switch (name) {
    case "overview":
      return overviewTables(await loadOverviewData(f), f, t);
    case "tiers":
      return tierTables(f, t);
    case "rfm":
      return rfmTables(f, t);
    case "cross-format":
      return crossFormatTables(f, t);
  }
}
