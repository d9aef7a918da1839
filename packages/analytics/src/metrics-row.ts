import type { AnalyticsConfig } from "@dangol/domain/analytics";
import { type Format, formatCombo, formatShares, invitationFormats } from "@dangol/domain/crossformat";
import { cycleStatus, medianInterval } from "@dangol/domain/cycles";
import { LIFECYCLE_STAGES, type LifecycleStage, lifecycleStage } from "@dangol/domain/lifecycle";
import { downgradeRisk, evaluateTier, upgradeCandidate } from "@dangol/domain/tiers";
import type { CopyValue } from "./copy.ts";
import { isoFromDay } from "./days.ts";
import type { InputRow } from "./input.ts";
import type { BaseModels } from "./models.ts";
import type { Windows } from "./windows.ts";

/** customer_metrics columns in the order metricsRow() returns them. */
export const METRICS_COLUMNS = [
  "customer_id",
  "as_of",
  "first_purchase_on",
  "last_purchase_on",
  "purchase_days",
  "recency_days",
  "frequency",
  "monetary",
  "r_score",
  "f_score",
  "m_score",
  "rfm_cell",
  "rfm_segment",
  "lifecycle_stage",
  "median_interval_days",
  "next_purchase_due",
  "due_now",
  "tier_code",
  "spend_12m",
  "visits_12m",
  "upgrade_tier_code",
  "upgrade_spend_gap",
  "upgrade_visits_gap",
  "downgrade_risk",
  "projected_spend",
  "share_dpt",
  "share_mart",
  "share_sm",
  "format_combo",
  "distant_purchase",
  "distant_km",
  "invite_formats",
  "expected_purchases_90d",
  "p_alive",
  "clv_12m",
  "run_id",
  "computed_at",
] as const;

const ENGAGED: ReadonlySet<LifecycleStage> = new Set(["new", "active", "reactivated"]);
const finite = (x: number) => (Number.isNaN(x) ? null : x);

/** The input columns the lifecycle stage rests on. */
export const LIFECYCLE_INPUT_COLUMNS = ["history_days", "first_day", "last_day", "prev_stage", "prev_as_of"] as const;

/**
 * The customer's lifecycle stage with the purchase days and median interval it rests on; shared
 * with the RFM + lifecycle benchmark path so both apply the rule the same way.
 */
export function lifecycleOf(
  row: Pick<InputRow, (typeof LIFECYCLE_INPUT_COLUMNS)[number]>,
  config: AnalyticsConfig,
  w: Windows,
): { cycleDays: number[]; median: number | undefined; stage: LifecycleStage } {
  const cycleDays = row.history_days.filter((d) => d >= w.cycleFrom);
  const median = medianInterval(cycleDays, config.cycles.minPurchaseDays);
  const previousStage = LIFECYCLE_STAGES.find((s) => s === row.prev_stage);
  const stage = lifecycleStage(
    {
      daysSinceFirstPurchase: w.asOf - row.first_day,
      daysSinceLastPurchase: w.asOf - row.last_day,
      purchaseDays: cycleDays.length,
      medianIntervalDays: median,
      previousStage,
      purchasedSincePrevious: row.prev_as_of !== null && row.last_day > row.prev_as_of,
    },
    config.lifecycle,
  );
  return { cycleDays, median, stage };
}

/** Pass two: every rule applied to one customer, in METRICS_COLUMNS order. */
export function metricsRow(
  row: InputRow,
  position: number,
  models: BaseModels,
  config: AnalyticsConfig,
  w: Windows,
  run: { id: bigint; at: string },
): CopyValue[] {
  const { cycleDays, median, stage } = lifecycleOf(row, config, w);
  const cycle = cycleStatus(cycleDays, w.asOf, config.cycles);

  const spend = Number(row.spend_window);
  const tier = evaluateTier(spend, row.visits_window, config.tiers);
  const upgrade = upgradeCandidate(spend, row.visits_window, config.tiers);
  const risk = downgradeRisk(
    row.held_tier ?? tier.code,
    {
      retainedSpend: Number(row.retained_spend),
      retainedVisits: row.retained_visits,
      recentSpend: Number(row.recent_spend),
      recentVisits: row.recent_visits,
      daysToEvaluation: w.nextEvaluation - 1 - w.asOf,
    },
    config.tiers,
  );

  const shares = formatShares({ DPT: Number(row.dpt_spend), MART: Number(row.mart_spend), SM: Number(row.sm_spend) });
  const used = new Set<Format>();
  if (row.dpt_used) used.add("DPT");
  if (row.mart_used) used.add("MART");
  if (row.sm_used) used.add("SM");
  const invite = invitationFormats(
    { used, visits12m: row.visits_window, spend12m: spend, engaged: ENGAGED.has(stage) },
    config.crossformat,
  );
  const rfm = models.rfm(position);

  return [
    row.customer_id,
    isoFromDay(w.asOf),
    isoFromDay(row.first_day),
    isoFromDay(row.last_day),
    cycleDays.length,
    w.asOf - (row.rfm_last ?? row.last_day),
    row.rfm_frequency,
    row.rfm_monetary,
    rfm?.r,
    rfm?.f,
    rfm?.m,
    rfm?.cell,
    rfm?.segment,
    stage,
    median ?? null,
    cycle ? isoFromDay(cycle.nextExpectedDay) : null,
    cycle?.dueNow ?? false,
    tier.code,
    row.spend_window,
    row.visits_window,
    upgrade?.nextCode,
    upgrade?.spendGap,
    upgrade?.visitsGap,
    risk.atRisk,
    risk.projectedSpend,
    shares.DPT,
    shares.MART,
    shares.SM,
    formatCombo(used),
    row.distant,
    row.distant_km,
    invite,
    finite(models.expected[position]!),
    finite(models.pAlive[position]!),
    finite(models.clv[position]!),
    run.id,
    run.at,
  ];
}
