import { describe, expect, it } from "vitest";
import {
  emptySegment,
  READY_MADE_SEGMENTS,
  SEGMENT_FIELDS,
  SEGMENT_THEMES,
  segmentDefinitionSchema,
} from "../segments.ts";

const group = (children: unknown[], op = "and") => ({ kind: "group", op, negate: false, children });
const message = (input: unknown) => {
  const result = segmentDefinitionSchema.safeParse(input);
  return result.success ? "ok" : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
};

describe("segment definitions", () => {
  it("accepts the issue's nested example", () => {
    const definition = group([
      group([{ kind: "rule", field: "tier", tiers: ["GOLD", "VIP"] }], "or"),
      { kind: "rule", field: "formats_used", formats: ["MART", "SM"], mode: "only", withinDays: 365 },
      {
        kind: "group",
        op: "and",
        negate: true,
        children: [{ kind: "rule", field: "formats_used", formats: ["DPT"], mode: "any", withinDays: 365 }],
      },
      { kind: "rule", field: "consent", channel: "SMS", granted: true },
    ]);
    expect(message(definition)).toBe("ok");
  });

  it("defaults negate to false and an empty segment is an empty AND", () => {
    expect(segmentDefinitionSchema.parse({ kind: "group", op: "or", children: [] }).negate).toBe(false);
    expect(message(emptySegment())).toBe("ok");
  });

  it("names what is wrong in a rule", () => {
    expect(message(group([{ kind: "rule", field: "lifecycle", stages: ["sleepy"] }]))).toContain(
      "lifecycle stage must be one of",
    );
    expect(message(group([{ kind: "rule", field: "spend", withinDays: 0, op: "gte", amount: 1 }]))).toContain(
      "withinDays must be at least 1",
    );
    expect(message(group([{ kind: "rule", field: "spend", withinDays: 30, op: "gt", amount: 1 }]))).toContain(
      "op must be gte",
    );
    expect(message(group([{ kind: "rule", field: "p_alive", op: "lte", value: 1.5 }]))).toContain(
      "value is between 0 and 1",
    );
    expect(message(group([{ kind: "rule", field: "rfm_score" }]))).toContain("at least one of r, f, m");
    expect(message(group([{ kind: "rule", field: "rfm_score", r: { min: 4, max: 2 } }]))).toContain(
      "min must not exceed",
    );
    expect(message(group([{ kind: "rule", field: "joined", from: "2025-01-01", withinDays: 3 }]))).toContain(
      "not both",
    );
    expect(message(group([{ kind: "rule", field: "in_segment", segmentId: "1; drop" }]))).toContain(
      "segmentId must be a segment id",
    );
    expect(message(group([{ kind: "rule", field: "tier", tiers: ["gold'--"] }]))).toContain("tier code");
    expect(message(group([{ kind: "rule", field: "shoe_size", size: 3 }]))).toContain("not a known segment field");
    expect(message(group([{ kind: "rule", field: "consent", channel: "SMS", granted: true, extra: 1 }]))).not.toBe(
      "ok",
    );
  });

  it("refuses more than five levels or fifty rules", () => {
    let deep: unknown = group([{ kind: "rule", field: "cycle_due" }]);
    for (let i = 0; i < 5; i++) deep = group([deep]);
    expect(message(deep)).toContain("at most 5 levels");
    const many = group(
      Array.from({ length: 26 }, () =>
        group([
          { kind: "rule", field: "cycle_due" },
          { kind: "rule", field: "cycle_due" },
        ]),
      ),
    );
    expect(message(many)).toContain("at most 50 rules");
  });

  it("lists every field once and has one valid ready-made segment per theme", () => {
    expect(new Set(SEGMENT_FIELDS.map((f) => f.field)).size).toBe(SEGMENT_FIELDS.length);
    expect(READY_MADE_SEGMENTS.map((s) => s.key)).toEqual([...SEGMENT_THEMES]);
    for (const s of READY_MADE_SEGMENTS) expect(message(s.definition)).toBe("ok");
  });
});
