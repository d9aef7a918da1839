import { z } from "zod";
import { SIDO } from "../cleansing/region.ts";
import { FORMATS } from "../crossformat/formats.ts";
import { LIFECYCLE_STAGES } from "../lifecycle/stage.ts";
import { RFM_SEGMENTS } from "../rfm/segments.ts";

/** The themes a saved segment can be tagged with (the issue's list, one ready-made segment each). */
export const SEGMENT_THEMES = [
  "win_back",
  "purchase_cycle",
  "cross_sell",
  "tier_up",
  "tier_down_prevention",
  "vip_retention",
  "cross_format",
  "distant_purchase",
] as const;
export type SegmentTheme = (typeof SEGMENT_THEMES)[number];

/** Same bands as analytics.customers.age_band, so a segment and an analyst's query agree. */
export const AGE_BANDS = ["<20", "20s", "30s", "40s", "50s", "60s", "70+", "unknown"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const GENDERS = ["MALE", "FEMALE", "unknown"] as const;
export const CONSENT_CHANNELS = ["SMS", "EMAIL", "DM", "TM", "NIGHT"] as const;
export const COMPARISONS = ["gte", "lte"] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const FORMAT_MODES = ["any", "all", "only"] as const;

export const SEGMENT_LIMITS = { maxDepth: 5, maxRules: 50, maxWindowDays: 3_660 } as const;
/**
 * The windows the builder offers first: spend, visits and formats over these, ending on the last
 * refresh's day, read pre-aggregated figures (segment_facts.customer_window); any other window
 * aggregates the receipts, correct but slower.
 */
export const SEGMENT_FACT_WINDOWS = [7, 30, 60, 90, 180, 365, 730] as const;

const list = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .array(z.enum(values, { error: `${what} must be one of ${values.join(", ")}` }), {
      error: `${what} must be a list`,
    })
    .min(1, `choose at least one ${what}`)
    .max(values.length, `${what} lists each value once`)
    .refine((v) => new Set(v).size === v.length, `${what} lists each value once`);

const windowDays = z
  .number({ error: "withinDays must be a number of days" })
  .int("withinDays must be a whole number of days")
  .min(1, "withinDays must be at least 1")
  .max(SEGMENT_LIMITS.maxWindowDays, `withinDays must be at most ${SEGMENT_LIMITS.maxWindowDays}`);
const op = z.enum(COMPARISONS, { error: "op must be gte (≥) or lte (≤)" });
const krw = (what: string) =>
  z
    .number({ error: `${what} must be a number of won` })
    .int(`${what} must be whole won`)
    .min(-1e12, `${what} is out of range`)
    .max(1e12, `${what} is out of range`);
const isoDate = (what: string) => z.iso.date({ error: `${what} must be a date YYYY-MM-DD` });
const tierCode = z
  .string({ error: "a tier code must be text" })
  .regex(/^[A-Z0-9_]{1,16}$/, "a tier code is 1–16 capital letters, digits or _");
const categoryCode = z
  .string({ error: "category must be a category code" })
  .regex(/^[A-Za-z0-9_.-]{1,16}$/, "category must be a category code (up to 16 letters, digits, . _ -)");
const scoreRange = z
  .object({
    min: z.number().int().min(1, "a score is 1–5").max(5, "a score is 1–5"),
    max: z.number().int().min(1, "a score is 1–5").max(5, "a score is 1–5"),
  })
  .strict()
  .refine((r) => r.min <= r.max, "a score range's min must not exceed its max");
const share = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} is between 0 and 1`)
    .max(1, `${what} is between 0 and 1`);

const rule = <F extends string, S extends z.ZodRawShape>(field: F, shape: S) =>
  z.object({ kind: z.literal("rule"), field: z.literal(field), ...shape }).strict();

const ruleSchemas = [
  rule("age_band", { bands: list(AGE_BANDS, "age band") }),
  rule("gender", { genders: list(GENDERS, "gender") }),
  rule("region", {
    sido: list(SIDO, "시/도"),
    sigungu: z
      .array(z.string().trim().min(1, "a 시/군/구 is empty").max(32, "a 시/군/구 is at most 32 characters"))
      .max(300, "at most 300 시/군/구")
      .optional(),
  }),
  rule("joined", {
    from: isoDate("from").optional(),
    to: isoDate("to").optional(),
    withinDays: windowDays.optional(),
  }).refine(
    (r) => (r.withinDays === undefined) !== (r.from === undefined && r.to === undefined),
    "joined needs either from/to dates or withinDays, not both",
  ),
  rule("tier", { tiers: z.array(tierCode).min(1, "choose at least one tier").max(20, "at most 20 tiers") }),
  rule("tier_change", {
    direction: z.enum(["upgraded", "downgraded"], { error: "direction must be upgraded or downgraded" }),
    withinDays: windowDays,
  }),
  rule("upgrade_gap", { amount: krw("amount").min(0, "amount must be ≥ 0") }),
  rule("downgrade_risk", { atRisk: z.boolean({ error: "atRisk must be true or false" }) }),
  rule("rfm_segment", { segments: list(RFM_SEGMENTS, "RFM segment") }),
  rule("rfm_score", { r: scoreRange.optional(), f: scoreRange.optional(), m: scoreRange.optional() }).refine(
    (r) => r.r || r.f || r.m,
    "rfm_score needs a range for at least one of r, f, m",
  ),
  rule("lifecycle", { stages: list(LIFECYCLE_STAGES, "lifecycle stage") }),
  rule("cycle_due", { withinDays: windowDays.optional() }),
  rule("formats_used", {
    formats: list(FORMATS, "format"),
    mode: z.enum(FORMAT_MODES, { error: "mode must be any, all or only" }),
    withinDays: windowDays,
  }),
  rule("format_share", {
    format: z.enum(FORMATS, { error: `format must be one of ${FORMATS.join(", ")}` }),
    op,
    share: share("share"),
  }),
  rule("distant_purchase", { distant: z.boolean({ error: "distant must be true or false" }) }),
  rule("category_bought", { category: categoryCode, withinDays: windowDays }),
  rule("category_not_bought", { category: categoryCode, withinDays: windowDays }),
  rule("spend", { withinDays: windowDays, op, amount: krw("amount") }),
  rule("visits", {
    withinDays: windowDays,
    op,
    count: z.number({ error: "count must be a number" }).int("count must be whole").min(0, "count must be ≥ 0"),
  }),
  rule("points_balance", { op, amount: krw("amount") }),
  rule("points_expiring", { withinDays: windowDays, op, amount: krw("amount") }),
  rule("clv", { op, amount: krw("amount") }),
  rule("p_alive", { op, value: share("value") }),
  rule("consent", {
    channel: z.enum(CONSENT_CHANNELS, { error: `channel must be one of ${CONSENT_CHANNELS.join(", ")}` }),
    granted: z.boolean({ error: "granted must be true or false" }),
  }),
  rule("in_segment", {
    segmentId: z
      .string({ error: "segmentId must be a segment id" })
      .regex(/^\d{1,18}$/, "segmentId must be a segment id"),
  }),
] as const;

export const segmentRuleSchema = z.discriminatedUnion("field", ruleSchemas, {
  error: (issue) =>
    issue.code === "invalid_union" ? "field is not a known segment field" : "a rule needs kind and field",
});
export type SegmentRule = z.output<typeof segmentRuleSchema>;
export type SegmentField = SegmentRule["field"];
export type SegmentRuleOf<F extends SegmentField> = Extract<SegmentRule, { field: F }>;

export type SegmentGroup = { kind: "group"; op: "and" | "or"; negate: boolean; children: SegmentNode[] };
export type SegmentNode = SegmentGroup | SegmentRule;

// Discriminated on kind, then on field, so an error names the rule's own problem rather than
// "matches neither a group nor a rule".
const nodeSchema: z.ZodType<SegmentNode> = z.lazy(() =>
  z.discriminatedUnion("kind", [groupSchema, segmentRuleSchema], { error: "each child is a group or a rule" }),
) as z.ZodType<SegmentNode>;
const groupSchema = z
  .object({
    kind: z.literal("group"),
    op: z.enum(["and", "or"], { error: "a group's op must be and or or" }),
    negate: z.boolean({ error: "negate must be true or false" }).default(false),
    children: z
      .array(nodeSchema, { error: "a group's children must be a list" })
      .max(50, "a group has at most 50 children"),
  })
  .strict();

function shape(node: SegmentNode, depth: number): { depth: number; rules: number } {
  if (node.kind === "rule") return { depth, rules: 1 };
  return node.children.reduce(
    (acc, child) => {
      const s = shape(child, depth + 1);
      return { depth: Math.max(acc.depth, s.depth), rules: acc.rules + s.rules };
    },
    { depth, rules: 0 },
  );
}

/** The root is a group; at most 5 levels of groups and 50 rules (the builder's limits, checked here too). */
export const segmentDefinitionSchema: z.ZodType<SegmentGroup> = groupSchema.superRefine((root, ctx) => {
  const s = shape(root, 1);
  if (s.depth > SEGMENT_LIMITS.maxDepth)
    ctx.addIssue({ code: "custom", message: `groups nest at most ${SEGMENT_LIMITS.maxDepth} levels deep` });
  if (s.rules > SEGMENT_LIMITS.maxRules)
    ctx.addIssue({ code: "custom", message: `a segment has at most ${SEGMENT_LIMITS.maxRules} rules` });
}) as z.ZodType<SegmentGroup>;

export type SegmentFieldCategory =
  | "profile"
  | "tier"
  | "rfm"
  | "lifecycle"
  | "formats"
  | "categories"
  | "spend"
  | "points"
  | "prediction"
  | "consent"
  | "segment";

/** Every field in the builder's menu order, with the heading it sits under. */
export const SEGMENT_FIELDS: readonly { field: SegmentField; category: SegmentFieldCategory }[] = [
  { field: "age_band", category: "profile" },
  { field: "gender", category: "profile" },
  { field: "region", category: "profile" },
  { field: "joined", category: "profile" },
  { field: "tier", category: "tier" },
  { field: "tier_change", category: "tier" },
  { field: "upgrade_gap", category: "tier" },
  { field: "downgrade_risk", category: "tier" },
  { field: "rfm_segment", category: "rfm" },
  { field: "rfm_score", category: "rfm" },
  { field: "lifecycle", category: "lifecycle" },
  { field: "cycle_due", category: "lifecycle" },
  { field: "formats_used", category: "formats" },
  { field: "format_share", category: "formats" },
  { field: "distant_purchase", category: "formats" },
  { field: "category_bought", category: "categories" },
  { field: "category_not_bought", category: "categories" },
  { field: "spend", category: "spend" },
  { field: "visits", category: "spend" },
  { field: "points_balance", category: "points" },
  { field: "points_expiring", category: "points" },
  { field: "clv", category: "prediction" },
  { field: "p_alive", category: "prediction" },
  { field: "consent", category: "consent" },
  { field: "in_segment", category: "segment" },
];

/** A new segment: an empty AND group, which matches every active customer. */
export function emptySegment(): SegmentGroup {
  return { kind: "group", op: "and", negate: false, children: [] };
}

/** Segment ids an in_segment rule anywhere in the tree refers to. */
export function referencedSegmentIds(node: SegmentNode): string[] {
  if (node.kind === "rule") return node.field === "in_segment" ? [node.segmentId] : [];
  return [...new Set(node.children.flatMap(referencedSegmentIds))];
}
