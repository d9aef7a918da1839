import type { PrismaClient } from "@dangol/db/client";
import {
  CAMPAIGN_LIMITS,
  type CumulativeResponsePoint,
  campaignSettingsSchema,
  type LiftReport,
  liftReport,
  type MarginRates,
  marginRateLookup,
  marginRatesSchema,
} from "@dangol/domain";
import { z } from "zod";

/*
 * Campaign measurement: target vs control from the receipts, per campaign and per channel. The
 * unit is a member (run × customer): a recurring campaign's customer counted in two runs is two
 * chances to respond, each with its own window. Readings (docs/campaigns.md, "Measurement"):
 * - response = a receipt with a positive net amount within [batch sent_at, + window days × 24 h);
 * - revenue = the net of every receipt in the window, returns included (they are negative), so a
 *   campaign that sells what comes back is not credited; a return alone is not a response;
 * - a member whose batch has not been sent yet has no window: left out and counted as pending;
 * - per channel, the target is the members with a SENT contact on it; the control is the whole
 *   control group, since the launch records no per-channel eligibility for control members.
 */

type Reader = Pick<PrismaClient, "$queryRaw">;
type Db = Pick<PrismaClient, "$queryRaw" | "$transaction">;

export type CampaignChannelName = "SMS" | "EMAIL" | "DM" | "TM";

export type MeasureOptions = {
  /** margin rates to use instead of the stored campaign settings' */
  marginRates?: MarginRates;
};

export type ChannelMeasurement = {
  channel: CampaignChannelName;
  /** SENT contacts on this channel, the ones that cost money */
  sent: number;
  cost: number;
  /** control group compared with: the whole control (see the note at the top) */
  controlBasis: "whole_control";
  lift: LiftReport;
};

export type CampaignMeasurement = {
  campaignId: string;
  name: string;
  theme: string;
  state: string;
  runs: number;
  /** the earliest run's due time; null before the first launch */
  launchedAt: Date | null;
  /** the longest response window among the runs */
  responseWindowDays: number;
  /** members whose batch has not been sent: no window yet, so not measured */
  pending: { target: number; control: number };
  /** the whole campaign (cost = every channel's) */
  overall: LiftReport;
  /**
   * Members who used the campaign's coupon (their unique code, or the shared one, on a receipt in
   * their window); null when no run offered a coupon. A control member can only redeem a shared code.
   */
  couponRedemptions: { target: number; control: number } | null;
  channels: ChannelMeasurement[];
};

// The run's definition as launched, read leniently: measurement must not fail on a definition an
// older form saved, it only needs the window and the per-channel costs.
const runDefinitionSchema = z.object({
  responseWindowDays: z
    .number()
    .int()
    .min(CAMPAIGN_LIMITS.responseWindowDays.min)
    .max(CAMPAIGN_LIMITS.responseWindowDays.max)
    .catch(CAMPAIGN_LIMITS.responseWindowDays.default)
    .default(CAMPAIGN_LIMITS.responseWindowDays.default),
  channels: z
    .array(
      z.object({
        channel: z.enum(["SMS", "EMAIL", "DM", "TM"]),
        costPerContact: z.number().min(0).catch(0).default(0),
      }),
    )
    .catch([])
    .default([]),
  // Only the shared coupon code matters here; unique codes are on the contacts.
  offer: z.object({ kind: z.string(), code: z.string().optional() }).catch({ kind: "none" }).default({ kind: "none" }),
});

type RunInfo = {
  id: bigint;
  dueAt: Date;
  days: number;
  costs: Map<CampaignChannelName, number>;
  coupon: boolean;
  sharedCode: string | null;
};

async function loadRuns(db: Db, campaignId: bigint): Promise<RunInfo[]> {
  const rows = await db.$queryRaw<{ id: bigint; due_at: Date; definition: unknown }[]>`
    SELECT id, due_at, definition FROM campaign_run WHERE campaign_id = ${campaignId} ORDER BY due_at`;
  return rows.map((r) => {
    const def = runDefinitionSchema.parse(r.definition ?? {});
    return {
      id: r.id,
      dueAt: r.due_at,
      days: def.responseWindowDays,
      costs: new Map(def.channels.map((c) => [c.channel, c.costPerContact])),
      coupon: def.offer.kind === "coupon",
      sharedCode: def.offer.kind === "coupon" ? (def.offer.code ?? null) : null,
    };
  });
}

/** Each category code with its resolved rate (own, nearest ancestor's, or the default). */
async function resolvedRates(
  db: Db,
  options: MeasureOptions,
): Promise<{ codes: string[]; rates: number[]; defaultRate: number }> {
  let settings = options.marginRates;
  if (settings === undefined) {
    const rows = await db.$queryRaw<{ value: unknown }[]>`
      SELECT value FROM analytics_config WHERE kind = 'campaigns' ORDER BY version DESC LIMIT 1`;
    settings = campaignSettingsSchema.parse(rows[0]?.value ?? {}).marginRates;
  }
  const parsed = marginRatesSchema.parse(settings);
  // The HQ tree is a few hundred codes: resolved here once, joined in SQL as a small table.
  const tree = await db.$queryRaw<{ code: string; parent_code: string | null }[]>`
    SELECT code, parent_code FROM category`;
  const lookup = marginRateLookup(parsed, new Map(tree.map((c) => [c.code, c.parent_code])));
  const codes = tree.map((c) => c.code);
  return { codes, rates: codes.map((c) => lookup(c)), defaultRate: parsed.defaultRate };
}

type FigureRow = {
  channel: CampaignChannelName | null;
  grp: "TARGET" | "CONTROL";
  size: number;
  pending: number;
  responders: number;
  /** members with a receipt in their window carrying their coupon code (their own or the shared one) */
  redeemers: number;
  revenue: bigint | null;
  margin: number | null;
};

/**
 * Every group's figures in one statement: the members with their batch's window; their receipts
 * in it, found through receipt (customer_id, sold_at) and cut to the campaign's business days
 * (BRIN) so a warehouse of years is not scanned; each receipt's margin from its lines; then one
 * pass over the members that counts each in its group (channel null) and, for a target, once per
 * channel it was SENT on.
 */
async function groupFigures(
  db: Reader,
  campaignId: bigint,
  runs: RunInfo[],
  rates: { codes: string[]; rates: number[]; defaultRate: number },
  days: { from: Date; to: Date },
): Promise<FigureRow[]> {
  return db.$queryRaw<FigureRow[]>`
    WITH runs AS (
      SELECT * FROM unnest(${runs.map((r) => r.id)}::bigint[], ${runs.map((r) => r.days)}::int[],
                           ${runs.map((r) => r.sharedCode)}::text[]) AS u(run_id, days, shared_code)
    ), rates AS (
      SELECT * FROM unnest(${rates.codes}::text[], ${rates.rates}::float8[]) AS u(code, rate)
    ), mem AS MATERIALIZED (
      SELECT m.run_id, m.customer_id, m."group"::text AS grp, b.sent_at AS from_at,
             b.sent_at + make_interval(days => runs.days) AS to_at, runs.shared_code
        FROM campaign_member m
        JOIN runs ON runs.run_id = m.run_id
        JOIN campaign_batch b ON b.run_id = m.run_id AND b.batch_no = m.batch_no
       WHERE m.campaign_id = ${campaignId}
    ), codes AS (
      SELECT c.run_id, c.customer_id, array_agg(DISTINCT c.coupon_code::text) AS codes
        FROM campaign_contact c
       WHERE c.run_id = ANY(${runs.map((r) => r.id)}::bigint[]) AND c.coupon_code IS NOT NULL
       GROUP BY c.run_id, c.customer_id
    ), win AS MATERIALIZED (
      SELECT mem.run_id, mem.customer_id, r.id AS receipt_id, r.net_amount,
             r.coupon_codes && (coalesce(k.codes, '{}') || coalesce(ARRAY[mem.shared_code], '{}')) AS redeemed
        FROM mem
        LEFT JOIN codes k ON k.run_id = mem.run_id AND k.customer_id = mem.customer_id
        JOIN receipt r ON r.customer_id = mem.customer_id AND r.sold_at >= mem.from_at AND r.sold_at < mem.to_at
       WHERE r.business_date BETWEEN ${days.from}::date AND ${days.to}::date
    ), margins AS (
      SELECT l.receipt_id, sum(l.amount * coalesce(rt.rate, ${rates.defaultRate}::float8))::float8 AS margin
        FROM receipt_line l
        JOIN win w ON w.receipt_id = l.receipt_id
        LEFT JOIN rates rt ON rt.code = l.category_code
       WHERE l.business_date BETWEEN ${days.from}::date AND ${days.to}::date
       GROUP BY l.receipt_id
    ), bought AS (
      SELECT w.run_id, w.customer_id, bool_or(w.net_amount > 0) AS responded, bool_or(w.redeemed) AS redeemed,
             sum(w.net_amount)::bigint AS revenue, sum(coalesce(g.margin, 0))::float8 AS margin
        FROM win w LEFT JOIN margins g USING (receipt_id)
       GROUP BY w.run_id, w.customer_id
    ), sent AS (
      SELECT c.run_id, c.customer_id, array_agg(c.channel::text) AS channels
        FROM campaign_contact c
       WHERE c.run_id = ANY(${runs.map((r) => r.id)}::bigint[]) AND c.status = 'SENT'
       GROUP BY c.run_id, c.customer_id
    )
    SELECT ch.channel, mem.grp,
           count(*) FILTER (WHERE mem.from_at IS NOT NULL)::int AS size,
           count(*) FILTER (WHERE mem.from_at IS NULL)::int AS pending,
           count(*) FILTER (WHERE b.responded AND mem.from_at IS NOT NULL)::int AS responders,
           count(*) FILTER (WHERE b.redeemed AND mem.from_at IS NOT NULL)::int AS redeemers,
           coalesce(sum(b.revenue), 0)::bigint AS revenue, coalesce(sum(b.margin), 0)::float8 AS margin
      FROM mem
      LEFT JOIN bought b ON b.run_id = mem.run_id AND b.customer_id = mem.customer_id
      LEFT JOIN sent s ON s.run_id = mem.run_id AND s.customer_id = mem.customer_id AND mem.grp = 'TARGET'
     CROSS JOIN LATERAL unnest(ARRAY[NULL::text] || coalesce(s.channels, '{}'::text[])) AS ch(channel)
     GROUP BY ch.channel, mem.grp`;
}

/**
 * The business days a campaign's windows can touch, one day of slack each side (business_date is
 * the Seoul day of sold_at), so the receipt scans can use the business-date BRIN indexes.
 */
async function windowDays(db: Db, runs: RunInfo[]): Promise<{ from: Date; to: Date } | null> {
  if (runs.length === 0) return null;
  const [row] = await db.$queryRaw<{ from: Date | null; to: Date | null }[]>`
    SELECT (min(b.sent_at) - interval '1 day')::date AS "from",
           (max(b.sent_at + make_interval(days => u.days)) + interval '1 day')::date AS "to"
      FROM campaign_batch b
      JOIN unnest(${runs.map((r) => r.id)}::bigint[], ${runs.map((r) => r.days)}::int[]) AS u(run_id, days)
        ON u.run_id = b.run_id
     WHERE b.sent_at IS NOT NULL`;
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

/**
 * Measurement statements join a million members with their receipts: hash joins and aggregates
 * that spill at the default 4 MB work_mem, so the statement gets more (in its own transaction).
 */
const MEASURE_SETTINGS = { work_mem: "256MB", jit: "off" } as const;

function withMeasureSettings<T>(prisma: Db, work: (tx: Reader) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      for (const [name, value] of Object.entries(MEASURE_SETTINGS))
        await tx.$queryRaw`SELECT set_config(${name}, ${value}, true)`;
      return work(tx);
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}

/** Before the first batch goes out every member is pending. */
function pendingOnly(db: Reader, campaignId: bigint): Promise<FigureRow[]> {
  return db.$queryRaw<FigureRow[]>`
    SELECT NULL::text AS channel, "group"::text AS grp, 0 AS size, count(*)::int AS pending, 0 AS responders, 0 AS redeemers,
           0::bigint AS revenue, 0::float8 AS margin
      FROM campaign_member WHERE campaign_id = ${campaignId} GROUP BY "group"`;
}

async function sentCosts(
  db: Db,
  campaignId: bigint,
  runs: RunInfo[],
): Promise<Map<CampaignChannelName, { sent: number; cost: number }>> {
  const rows = await db.$queryRaw<{ run_id: bigint; channel: CampaignChannelName; sent: number }[]>`
    SELECT run_id, channel::text AS channel, count(*)::int AS sent
      FROM campaign_contact WHERE campaign_id = ${campaignId} AND status = 'SENT'
     GROUP BY run_id, channel`;
  const byRun = new Map(runs.map((r) => [r.id, r]));
  const out = new Map<CampaignChannelName, { sent: number; cost: number }>();
  for (const r of rows) {
    // Each run is costed at the rate its own definition was launched with.
    const rate = byRun.get(r.run_id)?.costs.get(r.channel) ?? 0;
    const acc = out.get(r.channel) ?? { sent: 0, cost: 0 };
    out.set(r.channel, { sent: acc.sent + r.sent, cost: acc.cost + r.sent * rate });
  }
  return out;
}

const CHANNEL_ORDER: readonly CampaignChannelName[] = ["SMS", "EMAIL", "DM", "TM"];

/** Target vs control for one campaign and each of its channels (see the readings at the top). */
export async function measureCampaign(
  prisma: Db,
  campaignId: string,
  options: MeasureOptions = {},
): Promise<CampaignMeasurement> {
  const id = BigInt(campaignId);
  const [campaign] = await prisma.$queryRaw<{ name: string; theme: string; state: string }[]>`
    SELECT name, theme, state::text AS state FROM campaign WHERE id = ${id}`;
  if (!campaign) throw new Error(`campaign ${campaignId} does not exist`);
  return measureLoaded(prisma, id, campaign, await resolvedRates(prisma, options));
}

async function measureLoaded(
  prisma: Db,
  id: bigint,
  campaign: { name: string; theme: string; state: string },
  rates: { codes: string[]; rates: number[]; defaultRate: number },
): Promise<CampaignMeasurement> {
  const runs = await loadRuns(prisma, id);
  const days = await windowDays(prisma, runs);
  const rows =
    days === null
      ? await pendingOnly(prisma, id)
      : await withMeasureSettings(prisma, (tx) => groupFigures(tx, id, runs, rates, days));
  const costs = await sentCosts(prisma, id, runs);

  const figures = (row: FigureRow | undefined) => ({
    size: row?.size ?? 0,
    responders: row?.responders ?? 0,
    revenue: Number(row?.revenue ?? 0),
    grossMargin: row?.margin ?? 0,
  });
  const target = rows.find((r) => r.channel === null && r.grp === "TARGET");
  const control = rows.find((r) => r.channel === null && r.grp === "CONTROL");
  const totalCost = [...costs.values()].reduce((sum, c) => sum + c.cost, 0);

  const channelsSeen = new Set<CampaignChannelName>([
    ...runs.flatMap((r) => [...r.costs.keys()]),
    ...costs.keys(),
    ...rows.flatMap((r) => (r.channel ? [r.channel] : [])),
  ]);
  const channels = CHANNEL_ORDER.filter((c) => channelsSeen.has(c)).map((channel): ChannelMeasurement => {
    const spent = costs.get(channel) ?? { sent: 0, cost: 0 };
    return {
      channel,
      sent: spent.sent,
      cost: spent.cost,
      controlBasis: "whole_control",
      lift: liftReport({
        target: figures(rows.find((r) => r.channel === channel && r.grp === "TARGET")),
        control: figures(control),
        cost: spent.cost,
      }),
    };
  });

  return {
    campaignId: id.toString(),
    name: campaign.name,
    theme: campaign.theme,
    state: campaign.state,
    runs: runs.length,
    launchedAt: runs[0]?.dueAt ?? null,
    responseWindowDays: Math.max(0, ...runs.map((r) => r.days)),
    pending: { target: target?.pending ?? 0, control: control?.pending ?? 0 },
    overall: liftReport({ target: figures(target), control: figures(control), cost: totalCost }),
    couponRedemptions: runs.some((r) => r.coupon)
      ? { target: target?.redeemers ?? 0, control: control?.redeemers ?? 0 }
      : null,
    channels,
  };
}

/**
 * Day 0..N−1 of cumulative response, target vs control, N the longest window of the campaign's
 * runs. The first response per member is bucketed by whole 24-hour periods since its batch's send
 * (the same reading as the domain's cumulativeResponse) in SQL, so 1M members stay in the database.
 */
export async function cumulativeResponseCurve(prisma: Db, campaignId: string): Promise<CumulativeResponsePoint[]> {
  const id = BigInt(campaignId);
  const runs = await loadRuns(prisma, id);
  const days = Math.max(0, ...runs.map((r) => r.days));
  if (days === 0) return [];
  const range = await windowDays(prisma, runs);
  const rows =
    range === null
      ? []
      : await withMeasureSettings(
          prisma,
          (tx) => tx.$queryRaw<{ grp: "TARGET" | "CONTROL"; day: number | null; n: number }[]>`
    WITH runs AS (
      SELECT * FROM unnest(${runs.map((r) => r.id)}::bigint[], ${runs.map((r) => r.days)}::int[]) AS u(run_id, days)
    ), mem AS MATERIALIZED (
      SELECT m.run_id, m.customer_id, m."group"::text AS grp, b.sent_at AS from_at,
             b.sent_at + make_interval(days => runs.days) AS to_at
        FROM campaign_member m
        JOIN runs ON runs.run_id = m.run_id
        JOIN campaign_batch b ON b.run_id = m.run_id AND b.batch_no = m.batch_no
       WHERE m.campaign_id = ${id} AND b.sent_at IS NOT NULL
    ), first AS (
      SELECT mem.run_id, mem.customer_id, min(r.sold_at) AS first_at
        FROM mem
        JOIN receipt r ON r.customer_id = mem.customer_id AND r.sold_at >= mem.from_at AND r.sold_at < mem.to_at
       WHERE r.net_amount > 0 AND r.business_date BETWEEN ${range.from}::date AND ${range.to}::date
       GROUP BY mem.run_id, mem.customer_id
    )
    SELECT mem.grp, floor(extract(epoch FROM f.first_at - mem.from_at) / 86400)::int AS day, count(*)::int AS n
      FROM mem LEFT JOIN first f ON f.run_id = mem.run_id AND f.customer_id = mem.customer_id
     GROUP BY 1, 2`,
        );
  const size = { TARGET: 0, CONTROL: 0 };
  const perDay = { TARGET: new Array<number>(days).fill(0), CONTROL: new Array<number>(days).fill(0) };
  for (const r of rows) {
    size[r.grp] += r.n;
    if (r.day !== null && r.day >= 0 && r.day < days) perDay[r.grp][r.day]! += r.n;
  }
  const rate = (n: number, of: number) => (of === 0 ? null : n / of);
  const points: CumulativeResponsePoint[] = [];
  let t = 0;
  let c = 0;
  for (let day = 0; day < days; day++) {
    t += perDay.TARGET[day]!;
    c += perDay.CONTROL[day]!;
    points.push({
      day,
      targetResponders: t,
      controlResponders: c,
      targetRate: rate(t, size.TARGET),
      controlRate: rate(c, size.CONTROL),
    });
  }
  return points;
}

export type CampaignComparisonFilter = {
  theme?: string;
  state?: string;
  /** runs due at or after this instant */
  launchedFrom?: Date;
  launchedTo?: Date;
};

export type CampaignComparisonRow = {
  campaignId: string;
  name: string;
  theme: string;
  state: string;
  launchedAt: Date | null;
  targets: number;
  control: number;
  pending: number;
  targetRate: number | null;
  controlRate: number | null;
  rateDifference: number | null;
  relativeLift: number | null;
  incrementalResponders: number | null;
  incrementalRevenue: number | null;
  incrementalGrossMargin: number | null;
  cost: number;
  roi: number | null;
  pValue: number | null;
};

export type ThemeRollup = {
  theme: string;
  campaigns: number;
  targets: number;
  control: number;
  /** sums of the campaigns' incremental figures (each measured against its own control) */
  incrementalResponders: number;
  incrementalRevenue: number;
  incrementalGrossMargin: number;
  cost: number;
  /** (Σ incremental margin − Σ cost) / Σ cost; null when nothing was spent */
  roi: number | null;
};

/**
 * One row per launched campaign for the comparison page, and a roll-up per theme. Each campaign is
 * measured on its own (one statement over receipts each); the roll-up adds the campaigns'
 * incremental figures rather than pooling their groups, since control shares differ by campaign.
 */
export async function compareCampaigns(
  prisma: Db,
  filter: CampaignComparisonFilter = {},
  options: MeasureOptions = {},
): Promise<{ campaigns: CampaignComparisonRow[]; themes: ThemeRollup[] }> {
  const list = await prisma.$queryRaw<{ id: bigint; name: string; theme: string; state: string }[]>`
    SELECT c.id, c.name, c.theme, c.state::text AS state
      FROM campaign c
     WHERE EXISTS (SELECT 1 FROM campaign_run r WHERE r.campaign_id = c.id
                     AND (${filter.launchedFrom ?? null}::timestamptz IS NULL OR r.due_at >= ${filter.launchedFrom ?? null}::timestamptz)
                     AND (${filter.launchedTo ?? null}::timestamptz IS NULL OR r.due_at < ${filter.launchedTo ?? null}::timestamptz))
       AND (${filter.theme ?? null}::text IS NULL OR c.theme = ${filter.theme ?? null}::text)
       AND (${filter.state ?? null}::text IS NULL OR c.state::text = ${filter.state ?? null}::text)
     ORDER BY c.id DESC`;
  const rates = await resolvedRates(prisma, options);
  const campaigns: CampaignComparisonRow[] = [];
  for (const c of list) {
    const m = await measureLoaded(prisma, c.id, c, rates);
    const o = m.overall;
    campaigns.push({
      campaignId: m.campaignId,
      name: m.name,
      theme: m.theme,
      state: m.state,
      launchedAt: m.launchedAt,
      targets: o.target.size,
      control: o.control.size,
      pending: m.pending.target + m.pending.control,
      targetRate: o.target.responseRate,
      controlRate: o.control.responseRate,
      rateDifference: o.rateDifference,
      relativeLift: o.relativeLift,
      incrementalRevenue: o.incrementalRevenue,
      incrementalGrossMargin: o.incrementalGrossMargin,
      cost: o.cost,
      roi: o.roi,
      pValue: o.zTest?.pValue ?? null,
      incrementalResponders: o.incrementalResponders,
    });
  }
  const themes = new Map<string, ThemeRollup>();
  for (const row of campaigns) {
    const t = themes.get(row.theme) ?? {
      theme: row.theme,
      campaigns: 0,
      targets: 0,
      control: 0,
      incrementalResponders: 0,
      incrementalRevenue: 0,
      incrementalGrossMargin: 0,
      cost: 0,
      roi: null,
    };
    t.campaigns += 1;
    t.targets += row.targets;
    t.control += row.control;
    t.incrementalResponders += row.incrementalResponders ?? 0;
    t.incrementalRevenue += row.incrementalRevenue ?? 0;
    t.incrementalGrossMargin += row.incrementalGrossMargin ?? 0;
    t.cost += row.cost;
    themes.set(row.theme, t);
  }
  for (const t of themes.values()) t.roi = t.cost === 0 ? null : (t.incrementalGrossMargin - t.cost) / t.cost;
  return { campaigns, themes: [...themes.values()].sort((a, b) => a.theme.localeCompare(b.theme)) };
}
