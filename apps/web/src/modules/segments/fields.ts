import type { SegmentField, SegmentRule } from "@dangol/domain";

/**
 * Which input edits each parameter of each rule field. The rule model (fields and their params)
 * belongs to @dangol/domain; this table only says how a person fills them in, so a new field
 * needs one entry here and its words in i18n.ts.
 */
export type ChoiceSource =
  | "ageBands"
  | "genders"
  | "sidos"
  | "tiers"
  | "directions"
  | "rfmSegments"
  | "stages"
  | "formats"
  | "formatModes"
  | "comparisons"
  | "channels";

export type ParamInput =
  /** several values at once: checkboxes */
  | { key: string; kind: "choices"; source: ChoiceSource }
  /** one value: a select */
  | { key: string; kind: "choice"; source: ChoiceSource }
  | { key: string; kind: "number"; unit: "won" | "days" | "count"; optional?: boolean }
  /** a share 0–1, typed as a percentage */
  | { key: string; kind: "percent" }
  | { key: string; kind: "date"; optional: true }
  | { key: string; kind: "toggle" }
  /** a 1–5 score range that may be left out */
  | { key: string; kind: "scores" }
  | { key: string; kind: "category" }
  | { key: string; kind: "segment" };

export type FieldSpec = { inputs: ParamInput[]; defaults: Record<string, unknown> };

const days: ParamInput = { key: "withinDays", kind: "number", unit: "days" };
const op: ParamInput = { key: "op", kind: "choice", source: "comparisons" };
const won: ParamInput = { key: "amount", kind: "number", unit: "won" };

export const FIELD_SPECS: Record<SegmentField, FieldSpec> = {
  age_band: { inputs: [{ key: "bands", kind: "choices", source: "ageBands" }], defaults: { bands: [] } },
  gender: { inputs: [{ key: "genders", kind: "choices", source: "genders" }], defaults: { genders: [] } },
  region: { inputs: [{ key: "sido", kind: "choices", source: "sidos" }], defaults: { sido: [] } },
  joined: {
    inputs: [
      { key: "from", kind: "date", optional: true },
      { key: "to", kind: "date", optional: true },
      { key: "withinDays", kind: "number", unit: "days", optional: true },
    ],
    defaults: { withinDays: 90 },
  },
  tier: { inputs: [{ key: "tiers", kind: "choices", source: "tiers" }], defaults: { tiers: [] } },
  tier_change: {
    inputs: [{ key: "direction", kind: "choice", source: "directions" }, days],
    defaults: { direction: "upgraded", withinDays: 365 },
  },
  upgrade_gap: { inputs: [{ key: "amount", kind: "number", unit: "won" }], defaults: { amount: 300_000 } },
  downgrade_risk: { inputs: [{ key: "atRisk", kind: "toggle" }], defaults: { atRisk: true } },
  rfm_segment: { inputs: [{ key: "segments", kind: "choices", source: "rfmSegments" }], defaults: { segments: [] } },
  rfm_score: {
    inputs: [
      { key: "r", kind: "scores" },
      { key: "f", kind: "scores" },
      { key: "m", kind: "scores" },
    ],
    defaults: { r: { min: 4, max: 5 } },
  },
  lifecycle: { inputs: [{ key: "stages", kind: "choices", source: "stages" }], defaults: { stages: [] } },
  cycle_due: { inputs: [{ key: "withinDays", kind: "number", unit: "days", optional: true }], defaults: {} },
  formats_used: {
    inputs: [
      { key: "formats", kind: "choices", source: "formats" },
      { key: "mode", kind: "choice", source: "formatModes" },
      days,
    ],
    defaults: { formats: [], mode: "any", withinDays: 365 },
  },
  format_share: {
    inputs: [{ key: "format", kind: "choice", source: "formats" }, op, { key: "share", kind: "percent" }],
    defaults: { format: "DPT", op: "gte", share: 0.5 },
  },
  distant_purchase: { inputs: [{ key: "distant", kind: "toggle" }], defaults: { distant: true } },
  category_bought: {
    inputs: [{ key: "category", kind: "category" }, days],
    defaults: { category: "", withinDays: 365 },
  },
  category_not_bought: {
    inputs: [{ key: "category", kind: "category" }, days],
    defaults: { category: "", withinDays: 365 },
  },
  spend: { inputs: [days, op, won], defaults: { withinDays: 365, op: "gte", amount: 1_000_000 } },
  visits: {
    inputs: [days, op, { key: "count", kind: "number", unit: "count" }],
    defaults: { withinDays: 365, op: "gte", count: 12 },
  },
  points_balance: { inputs: [op, won], defaults: { op: "gte", amount: 10_000 } },
  points_expiring: { inputs: [days, op, won], defaults: { withinDays: 30, op: "gte", amount: 1_000 } },
  clv: { inputs: [op, won], defaults: { op: "gte", amount: 1_000_000 } },
  p_alive: { inputs: [op, { key: "value", kind: "percent" }], defaults: { op: "lte", value: 0.3 } },
  consent: {
    inputs: [
      { key: "channel", kind: "choice", source: "channels" },
      { key: "granted", kind: "toggle" },
    ],
    defaults: { channel: "SMS", granted: true },
  },
  in_segment: { inputs: [{ key: "segmentId", kind: "segment" }], defaults: { segmentId: "" } },
};

/** A new rule of this field with its defaults (lists start empty: the count waits until one is ticked). */
export function newRule(field: SegmentField): SegmentRule {
  return { kind: "rule", field, ...structuredClone(FIELD_SPECS[field].defaults) } as SegmentRule;
}
