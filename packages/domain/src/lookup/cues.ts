/**
 * The one or two sentences at the top of the store lookup card: what a cashier can say to the
 * customer in front of them, from last night's analytics. Rules (docs/store-lookup.md):
 *
 * Who they are — the first that applies:
 * 1. `new`: lifecycle stage new (first purchase within the last 30 days).
 * 2. `welcomeBack`: stage reactivated, at_risk, dormant or churned (days since the last purchase).
 * 3. `regular`: stage active with a purchase rhythm of at most REGULAR_MAX_INTERVAL_DAYS days
 *    (about every N days, with the category they buy most).
 *
 * What to mention — in this order:
 * 4. `pointsExpiring`: at least EXPIRING_POINTS_MIN points lapse within 30 days.
 * 5. `tierGap`: the analytics marked the next tier as within reach (₩ and visits still missing).
 * 6. `keepTier`: the pace projects a drop below the held tier at the next evaluation.
 * 7. `due`: the purchase cycle says they are due now (with the category that is due, if any).
 * 8. `invite`: formats the customer does not use yet and the analytics would invite them to.
 *
 * At most two cues: the "who" cue and the first "mention" cue, or the first two "mention" cues
 * when no "who" cue applies.
 */
export const CUE_RULES = {
  regularMaxIntervalDays: 30,
  expiringPointsMin: 1_000,
  maxCues: 2,
} as const;

export type CueInput = {
  lifecycleStage: string;
  medianIntervalDays: number | null;
  daysSinceLastPurchase: number;
  /** name of the category with the most spend in the last 12 months */
  topCategory: string | null;
  dueNow: boolean;
  /** name of a category whose own cycle is due now */
  dueCategory: string | null;
  /** the next tier up when the analytics count it within reach */
  upgrade: { tier: string; spendGap: number; visitsGap: number } | null;
  downgradeRisk: boolean;
  heldTier: string;
  expiringPoints: number;
  inviteFormats: readonly string[];
};

export type Cue =
  | { kind: "new" }
  | { kind: "welcomeBack"; daysSince: number }
  | { kind: "regular"; everyDays: number; category: string | null }
  | { kind: "pointsExpiring"; points: number }
  | { kind: "tierGap"; tier: string; spendGap: number; visitsGap: number }
  | { kind: "keepTier"; tier: string }
  | { kind: "due"; category: string | null }
  | { kind: "invite"; formats: readonly string[] };

const COMEBACK_STAGES = new Set(["reactivated", "at_risk", "dormant", "churned"]);

function whoCue(input: CueInput): Cue | null {
  if (input.lifecycleStage === "new") return { kind: "new" };
  if (COMEBACK_STAGES.has(input.lifecycleStage)) return { kind: "welcomeBack", daysSince: input.daysSinceLastPurchase };
  const interval = input.medianIntervalDays;
  if (input.lifecycleStage === "active" && interval !== null && interval <= CUE_RULES.regularMaxIntervalDays) {
    return { kind: "regular", everyDays: Math.max(1, Math.round(interval)), category: input.topCategory };
  }
  return null;
}

function mentionCues(input: CueInput): Cue[] {
  const cues: Cue[] = [];
  if (input.expiringPoints >= CUE_RULES.expiringPointsMin)
    cues.push({ kind: "pointsExpiring", points: input.expiringPoints });
  if (input.upgrade && (input.upgrade.spendGap > 0 || input.upgrade.visitsGap > 0)) {
    cues.push({ kind: "tierGap", ...input.upgrade });
  }
  if (input.downgradeRisk) cues.push({ kind: "keepTier", tier: input.heldTier });
  if (input.dueNow) cues.push({ kind: "due", category: input.dueCategory });
  if (input.inviteFormats.length > 0) cues.push({ kind: "invite", formats: input.inviteFormats });
  return cues;
}

export function buildCues(input: CueInput): Cue[] {
  const who = whoCue(input);
  return [...(who ? [who] : []), ...mentionCues(input)].slice(0, CUE_RULES.maxCues);
}
