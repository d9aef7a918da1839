import { emptySegment, type SegmentGroup } from "@dangol/domain";
import { describe, expect, it } from "vitest";
import { compiledAsSql } from "./customer-filter.ts";
import { parseOverlapIds, regionHref } from "./overlap-links.ts";
import { addChild, removeNode, treeSize, updateNode } from "./tree.ts";

const tier: SegmentGroup["children"][number] = { kind: "rule", field: "tier", tiers: ["GOLD"] };
const sms: SegmentGroup["children"][number] = { kind: "rule", field: "consent", channel: "SMS", granted: true };

describe("the builder's tree edits", () => {
  it("adds a nested group and a rule inside it without touching the original", () => {
    const root = emptySegment();
    const withGroup = addChild(root, [], { kind: "group", op: "or", negate: false, children: [] });
    const withRule = addChild(withGroup, [0], tier);
    expect(root.children).toHaveLength(0);
    expect(withRule.children[0]).toEqual({ kind: "group", op: "or", negate: false, children: [tier] });
    expect(treeSize(withRule)).toEqual({ rules: 1, depth: 2 });
  });

  it("updates and removes a node by its path", () => {
    const root = addChild(addChild(emptySegment(), [], tier), [], sms);
    const negated = updateNode(root, [], (g) => ({ ...(g as SegmentGroup), negate: true }));
    expect(negated.negate).toBe(true);
    expect(removeNode(root, [0]).children).toEqual([sms]);
    expect(removeNode(root, [])).toBe(root);
  });

  it("refuses to add under a rule", () => {
    const root = addChild(emptySegment(), [], tier);
    expect(() => addChild(root, [0], sms)).toThrow(/no group/);
  });
});

describe("the overlap page's links", () => {
  it("reads up to three distinct numeric ids from ?ids, repeated or comma-separated", () => {
    expect(parseOverlapIds("3,1,3,x")).toEqual(["3", "1"]);
    expect(parseOverlapIds(["1", "2", "", "4", "5"])).toEqual(["1", "2", "4"]);
    expect(parseOverlapIds(undefined)).toEqual([]);
  });

  it("links a region to the customers in its segments and in none of the others", () => {
    expect(regionHref(["1", "2", "3"], ["1", "3"])).toBe("/customers?segment=1%2C3&notSegment=2");
    expect(regionHref(["1", "2"], ["1", "2"])).toBe("/customers?segment=1%2C2");
  });
});

describe("a compiled segment nested in the customer list's query", () => {
  it("keeps every value bound, in the order its placeholders appear", () => {
    const sql = compiledAsSql({
      sql: "SELECT c.id FROM customer c WHERE a = $2::text AND b = ANY($1::text[]) AND d = $2::text",
      values: [["X"], "Y"],
    });
    expect(sql.strings).toEqual([
      "SELECT c.id FROM customer c WHERE a = ",
      "::text AND b = ANY(",
      "::text[]) AND d = ",
      "::text",
    ]);
    expect(sql.values).toEqual(["Y", ["X"], "Y"]);
  });

  it("refuses a placeholder without a value", () => {
    expect(() => compiledAsSql({ sql: "x = $3", values: [1] })).toThrow(/\$3/);
  });
});
