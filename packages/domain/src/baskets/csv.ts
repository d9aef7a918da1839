import { formatItemset, type Rule } from "./rules.ts";

const HEADER = "lhs,rhs,support,confidence,lift,count";

/**
 * The rules as CSV, one row per rule after a header, itemsets in arules' `{a,b}` notation.
 * Numbers use JavaScript's shortest round-trip form, which reads back as the same double.
 */
export function formatRulesCsv(rules: readonly Rule[]): string {
  const rows = rules.map((rule) =>
    [
      csvField(formatItemset(rule.lhs)),
      csvField(formatItemset([rule.rhs])),
      String(rule.support),
      String(rule.confidence),
      String(rule.lift),
      String(rule.count),
    ].join(","),
  );
  return `${[HEADER, ...rows].join("\n")}\n`;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
