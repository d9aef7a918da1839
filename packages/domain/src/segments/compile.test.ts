import { describe, expect, it } from "vitest";
import { compileSegment, SegmentCompileError, type SegmentGroup } from "../segments.ts";

const asOf = "2026-11-23";
const and = (...children: SegmentGroup["children"]): SegmentGroup => ({
  kind: "group",
  op: "and",
  negate: false,
  children,
});

describe("compileSegment", () => {
  it("selects active customers and an empty segment matches all of them", () => {
    const { sql, values } = compileSegment(and(), { asOf });
    expect(sql).toMatch(/^SELECT c\.id AS customer_id\s+FROM customer c\s+WHERE c\.status = 'ACTIVE'\s+AND TRUE$/);
    expect(values).toEqual([]);
  });

  it("binds every value and never puts user text into the SQL", () => {
    const evil = "GOLD'); DROP TABLE customer; --";
    const { sql, values } = compileSegment(
      and(
        { kind: "rule", field: "region", sido: ["서울특별시"], sigungu: [evil] },
        { kind: "rule", field: "tier", tiers: ["GOLD"] },
      ),
      { asOf },
    );
    expect(sql).not.toContain("DROP");
    expect(sql).not.toContain("서울");
    expect(values).toEqual([["서울특별시"], [evil], ["GOLD"]]);
    expect(sql).toContain("c.sido = ANY($1::text[]) AND c.sigungu = ANY($2::text[])");
    expect(sql).toContain("h.effective_to IS NULL AND h.tier_code = ANY($3::text[])");
  });

  it("compiles the issue's example to nested AND / OR / NOT over receipts and consent", () => {
    const { sql, values } = compileSegment(
      and(
        {
          kind: "group",
          op: "or",
          negate: false,
          children: [
            { kind: "rule", field: "tier", tiers: ["GOLD"] },
            { kind: "rule", field: "tier", tiers: ["VIP"] },
          ],
        },
        { kind: "rule", field: "formats_used", formats: ["MART", "SM"], mode: "only", withinDays: 365 },
        {
          kind: "group",
          op: "and",
          negate: true,
          children: [{ kind: "rule", field: "formats_used", formats: ["DPT"], mode: "any", withinDays: 365 }],
        },
        { kind: "rule", field: "consent", channel: "SMS", granted: true },
      ),
      { asOf },
    );
    expect(sql).toContain("\n      OR c.id IN");
    // only MART + SM: a MART sale, an SM sale, and no sale elsewhere, each in the window
    expect(sql).toContain("AND r.type = 'SALE' AND r.source_code = $5::text) AND EXISTS");
    expect(sql).toContain(
      "AND NOT EXISTS (SELECT 1 FROM receipt r WHERE r.customer_id = c.id AND r.sold_at >= $3::timestamptz AND r.sold_at < $4::timestamptz AND r.type = 'SALE' AND r.source_code <> ALL($7::text[])))",
    );
    expect(sql).toContain("NOT (EXISTS (SELECT 1 FROM receipt r WHERE r.customer_id = c.id");
    expect(sql).toContain("cc.channel = $11::consent_channel AND cc.granted");
    // a 365-day window ending 2026-11-23 starts 2025-11-24 (Seoul days → sold_at bounds)
    expect(values).toContain("2025-11-24T00:00:00+09:00");
    expect(values).toContain("2026-11-24T00:00:00+09:00");
    expect(values.at(-1)).toBe("SMS");
  });

  it("puts customers with no purchases on the right side of a spend comparison", () => {
    const atMost = compileSegment(and({ kind: "rule", field: "spend", withinDays: 30, op: "lte", amount: 100_000 }), {
      asOf,
    });
    expect(atMost.sql).toContain("NOT c.id IN (SELECT customer_id FROM receipt r");
    expect(atMost.sql).toContain("HAVING sum(r.net_amount) > $3::numeric");
    const atLeast = compileSegment(and({ kind: "rule", field: "visits", withinDays: 30, op: "gte", count: 2 }), {
      asOf,
    });
    expect(atLeast.sql).toMatch(
      /AND \(c\.id IN \(SELECT customer_id FROM receipt r .* HAVING count\(DISTINCT r\.business_date\) >= \$3::numeric\)/,
    );
  });

  it("treats a missing consent row as not granted", () => {
    const { sql } = compileSegment(and({ kind: "rule", field: "consent", channel: "EMAIL", granted: false }), { asOf });
    expect(sql).toContain("NOT c.id IN (SELECT cc.customer_id FROM customer_consent cc");
  });

  it("inlines in_segment definitions and refuses cycles and unknown ids", () => {
    const definitions: Record<string, SegmentGroup> = {
      "1": and({ kind: "rule", field: "lifecycle", stages: ["dormant"] }),
      "2": and({ kind: "rule", field: "in_segment", segmentId: "3" }),
      "3": and({ kind: "rule", field: "in_segment", segmentId: "2" }),
    };
    const segmentDefinitions = (id: string) => definitions[id];
    const { sql, values } = compileSegment(and({ kind: "rule", field: "in_segment", segmentId: "1" }), {
      asOf,
      segmentDefinitions,
    });
    expect(sql).toContain("m.lifecycle_stage = ANY($1::text[])");
    expect(values).toEqual([["dormant"]]);
    expect(() =>
      compileSegment(and({ kind: "rule", field: "in_segment", segmentId: "2" }), { asOf, segmentDefinitions }),
    ).toThrow(/segment 2 refers to itself through 2 → 3 → 2/);
    expect(() =>
      compileSegment(and({ kind: "rule", field: "in_segment", segmentId: "9" }), { asOf, segmentDefinitions }),
    ).toThrow(SegmentCompileError);
  });

  it("turns a nested AND of several rules into its own customer subquery, so its rules stay joins", () => {
    const nested = and({
      kind: "group",
      op: "or",
      negate: false,
      children: [
        and(
          { kind: "rule", field: "tier", tiers: ["GOLD"] },
          { kind: "rule", field: "consent", channel: "SMS", granted: true },
        ),
        { kind: "rule", field: "cycle_due" },
      ],
    });
    const { sql } = compileSegment(nested, { asOf });
    expect(sql).toContain("AND ((c.id IN (SELECT c.id FROM customer c WHERE (c.id IN (SELECT h.customer_id");
    // a single rule under NOT stays as it is (an anti-join already)
    const single = compileSegment(
      and({ kind: "group", op: "and", negate: true, children: [{ kind: "rule", field: "cycle_due" }] }),
      {
        asOf,
      },
    );
    expect(single.sql).toContain("AND (NOT (c.id IN (SELECT m.customer_id FROM customer_metrics m WHERE m.due_now)))");
  });

  it("refuses an invalid definition or asOf with a message naming the problem", () => {
    expect(() => compileSegment(and(), { asOf: "yesterday" })).toThrow("asOf must be a date YYYY-MM-DD");
    expect(() => compileSegment({ kind: "group", op: "xor" } as never, { asOf })).toThrow(
      /the segment is not valid at op/,
    );
  });

  it("matches a category at any level through its level-3 descendants", () => {
    const { sql, values } = compileSegment(
      and({ kind: "rule", field: "category_not_bought", category: "10", withinDays: 90 }),
      { asOf },
    );
    expect(sql).toContain(
      "NOT c.id IN (SELECT r.customer_id FROM receipt r JOIN receipt_line rl ON rl.receipt_id = r.id",
    );
    expect(sql).not.toContain("segment_facts");
    expect(sql).toContain("k.code = $1::text OR k.parent_code = $1::text OR k2.parent_code = $1::text");
    expect(values).toEqual(["10", "2026-08-26", asOf]);
  });

  it("reads categories bought from the facts up to their watermark and the raw lines after it", () => {
    const { sql, values } = compileSegment(
      and({ kind: "rule", field: "category_bought", category: "1030", withinDays: 30 }),
      { asOf, facts: { receiptWatermark: "123456", asOf } },
    );
    expect(sql).toMatch(
      /\(c\.id IN \(SELECT d\.customer_id FROM segment_facts\.category_day d\s+WHERE d\.category_code = \$1::text AND d\.business_date BETWEEN \$2::date AND \$3::date\)/,
    );
    expect(sql).toMatch(/OR c\.id IN \(SELECT r\.customer_id FROM receipt r JOIN receipt_line rl/);
    expect(sql).toContain("AND r.id > $4::bigint))");
    expect(values).toEqual(["1030", "2026-10-25", asOf, "123456"]);
  });

  it("reads spend, visits and formats over a preset window ending on the build's day from the window figures, newer receipts raw", () => {
    const facts = { receiptWatermark: "900", asOf };
    const { sql, values } = compileSegment(
      and({ kind: "rule", field: "spend", withinDays: 365, op: "gte", amount: 1_000_000 }),
      { asOf, facts },
    );
    expect(sql).toContain("f.window_days = $5::smallint AND f.spend >= $3::bigint");
    // customers with a receipt after the build are judged on their receipts alone
    expect(sql).toContain(
      "AND NOT EXISTS (SELECT FROM receipt n WHERE n.customer_id = f.customer_id AND n.id > $4::bigint))",
    );
    expect(sql).toMatch(
      /OR c\.id IN \(SELECT t\.customer_id FROM \(SELECT DISTINCT n\.customer_id FROM receipt n WHERE n\.id > \$4::bigint/,
    );
    expect(sql).toContain("COALESCE((SELECT sum(r.net_amount) FROM receipt r WHERE r.customer_id = t.customer_id");
    expect(values).toEqual(["2025-11-24T00:00:00+09:00", "2026-11-24T00:00:00+09:00", 1_000_000, "900", 365]);

    // a comparison that includes 0 lists the other side, so customers with no row (spent nothing) are in
    const low = compileSegment(and({ kind: "rule", field: "visits", withinDays: 90, op: "lte", count: 2 }), {
      asOf,
      facts,
    });
    expect(low.sql).toContain("NOT (c.id IN (SELECT f.customer_id FROM segment_facts.customer_window f");
    expect(low.sql).toContain("f.visit_days > $3::int");

    const formats = (mode: "any" | "all" | "only") =>
      compileSegment(and({ kind: "rule", field: "formats_used", formats: ["MART", "SM"], mode, withinDays: 365 }), {
        asOf,
        facts,
      }).values.find((v) => Array.isArray(v) && typeof v[0] === "number");
    expect(formats("any")).toEqual([2, 3, 4, 5, 6, 7]);
    expect(formats("all")).toEqual([6, 7]);
    expect(formats("only")).toEqual([6]);
  });

  it("aggregates the receipts for a window that is not a preset or does not end on the build's day", () => {
    for (const [withinDays, factsAsOf] of [
      [100, asOf],
      [365, "2026-11-22"],
    ] as const) {
      const { sql } = compileSegment(and({ kind: "rule", field: "spend", withinDays, op: "gte", amount: 1 }), {
        asOf,
        facts: { receiptWatermark: "900", asOf: factsAsOf },
      });
      expect(sql).not.toContain("customer_window");
      expect(sql).toContain("GROUP BY customer_id HAVING sum(r.net_amount) >= $3::numeric");
    }
  });
});
