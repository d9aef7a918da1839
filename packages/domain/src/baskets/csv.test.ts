import { describe, expect, it } from "vitest";
import { csvField, formatRulesCsv } from "./csv.ts";

describe("formatRulesCsv", () => {
  it("writes a header and arules-style itemsets, quoting cells that hold commas", () => {
    const csv = formatRulesCsv([
      {
        lhs: ["citrus fruit", "root vegetables"],
        rhs: "other vegetables",
        support: 0.1,
        confidence: 2 / 3,
        lift: 3,
        count: 102,
      },
      { lhs: [], rhs: "whole milk", support: 0.25, confidence: 0.25, lift: 1, count: 5 },
    ]);
    expect(csv).toBe(
      "lhs,rhs,support,confidence,lift,count\n" +
        '"{citrus fruit,root vegetables}",{other vegetables},0.1,0.6666666666666666,3,102\n' +
        "{},{whole milk},0.25,0.25,1,5\n",
    );
  });

  it("writes only the header when there are no rules", () => {
    expect(formatRulesCsv([])).toBe("lhs,rhs,support,confidence,lift,count\n");
  });
});

describe("csvField", () => {
  it("doubles quotes and quotes fields with quotes, commas or line breaks (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('{12" pizza}')).toBe('"{12"" pizza}"');
    expect(csvField("{a\nb}")).toBe('"{a\nb}"');
  });
});
