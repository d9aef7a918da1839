import { type TierRules, tierRulesSchema } from "@dangol/domain/tiers";
import type { z } from "zod";

/**
 * The tier editor is a plain HTML form: flat fields `tiers.0.minSpend`, `windowMonths` … Field
 * errors come back under the same names, with a message *key* (see `TIER_ERROR_KEYS`) that the
 * form turns into a sentence in the reader's language.
 */
export const TIER_ERROR_KEYS = [
  "required",
  "number",
  "whole",
  "negative",
  "range",
  "code",
  "repeated",
  "spendOrder",
  "fallback",
  "invalid",
] as const;
export type TierErrorKey = (typeof TIER_ERROR_KEYS)[number];

/** Rows the form shows: the current tiers plus blank rows, so a tier can be added without JS. */
export const MAX_TIERS = 8;

const NUMERIC = new Set(["minSpend", "minVisits", "windowMonths", "evaluationDay"]);

/** Digits with optional thousands separators or a ₩ sign, as people type amounts. */
function toNumber(text: string): number | string {
  const cleaned = text.replace(/[₩,\s]/g, "");
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : text;
}

/** Flat form fields → the rule-set shape, keeping the settings the form does not edit. */
export function tierRulesFromForm(flat: Record<string, string>, current: TierRules): unknown {
  const rows = new Map<number, Record<string, unknown>>();
  const top: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(flat)) {
    const value = raw.trim();
    const match = /^tiers\.(\d+)\.(code|name|nameEn|minSpend|minVisits)$/.exec(key);
    if (match) {
      const index = Number(match[1]);
      if (index >= MAX_TIERS || value === "") continue;
      const row = rows.get(index) ?? {};
      row[match[2]!] = NUMERIC.has(match[2]!) ? toNumber(value) : value;
      rows.set(index, row);
    } else if (key === "windowMonths" || key === "evaluationDay") {
      if (value !== "") top[key] = toNumber(value);
    }
  }
  const tiers = [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  return {
    windowMonths: current.windowMonths,
    evaluationDay: current.evaluationDay,
    evaluationMonths: current.evaluationMonths,
    upgradeWithinShare: current.upgradeWithinShare,
    paceDays: current.paceDays,
    ...top,
    tiers,
  };
}

function keyOf(issue: z.core.$ZodIssue): TierErrorKey {
  const field = String(issue.path.at(-1) ?? "");
  if (issue.code === "custom") {
    if (issue.message === "is repeated") return "repeated";
    if (issue.message.startsWith("must be below")) return "spendOrder";
    if (issue.message.startsWith("the last tier")) return "fallback";
    return "invalid";
  }
  if (issue.code === "invalid_type") return issue.input === undefined ? "required" : "number";
  if (issue.code === "invalid_format") return "code";
  if (issue.code === "too_small" && (field === "minSpend" || field === "minVisits")) return "negative";
  if (issue.code === "too_small" && field === "name") return "required";
  if (issue.code === "too_small" || issue.code === "too_big") return field === "tiers" ? "required" : "range";
  if (issue.code === "invalid_value") return "range";
  if (field === "minSpend" || field === "minVisits") return "whole";
  return "invalid";
}

/**
 * Parses the flat form against the domain's `tierRulesSchema`; field errors are keyed by the
 * form's field names (`tiers.1.minSpend`; a whole-row error goes to `tiers.4`).
 */
export function parseTierForm(
  flat: Record<string, string>,
  current: TierRules,
): { ok: true; rules: TierRules } | { ok: false; fieldErrors: Record<string, TierErrorKey[]> } {
  const parsed = tierRulesSchema.safeParse(tierRulesFromForm(flat, current), { reportInput: true });
  if (parsed.success) return { ok: true, rules: parsed.data };
  const fieldErrors: Record<string, TierErrorKey[]> = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.join(".") || "_";
    fieldErrors[name] = [...(fieldErrors[name] ?? []), keyOf(issue)];
  }
  return { ok: false, fieldErrors };
}
