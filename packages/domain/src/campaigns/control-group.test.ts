import { describe, expect, it } from "vitest";
import { controlSizes, drawControlGroup, seededRandom } from "./control-group.ts";

const customers = (stratum: string, n: number, prefix = stratum) =>
  Array.from({ length: n }, (_, i) => ({ customerId: `${prefix}-${String(i).padStart(4, "0")}`, stratum }));

const base = [...customers("VIP", 50), ...customers("GOLD", 200), ...customers("SILVER", 750)];

describe("drawControlGroup", () => {
  it("draws the same control group for the same seed and a different one for another seed", () => {
    const a = drawControlGroup(base, 0.1, "campaign-1");
    const b = drawControlGroup(base, 0.1, "campaign-1");
    const c = drawControlGroup(base, 0.1, "campaign-2");
    expect(b).toEqual(a);
    expect(c.control).not.toEqual(a.control);
  });

  it("holds out 10% of each tier by default", () => {
    const draw = drawControlGroup(base, undefined, "campaign-1");
    expect(draw.strata).toEqual([
      { stratum: "GOLD", eligible: 200, control: 20 },
      { stratum: "SILVER", eligible: 750, control: 75 },
      { stratum: "VIP", eligible: 50, control: 5 },
    ]);
    const controlVip = draw.control.filter((id) => id.startsWith("VIP-"));
    expect(controlVip).toHaveLength(5);
    expect(draw.control).toHaveLength(100);
  });

  it("splits the eligible into two disjoint groups that together are everyone", () => {
    const draw = drawControlGroup(base, 0.25, "s");
    const control = new Set(draw.control);
    expect(draw.target.some((id) => control.has(id))).toBe(false);
    expect([...draw.control, ...draw.target].sort()).toEqual(base.map((c) => c.customerId).sort());
  });

  it("does not depend on the order of the input", () => {
    const shuffled = [...base].reverse();
    shuffled.push(shuffled.shift()!);
    expect(drawControlGroup(shuffled, 0.1, "campaign-1")).toEqual(drawControlGroup(base, 0.1, "campaign-1"));
  });

  it("leaves one tier's draw alone when another tier's membership changes", () => {
    const before = drawControlGroup(base, 0.1, "k");
    const after = drawControlGroup([...base, ...customers("GOLD", 30, "NEWGOLD")], 0.1, "k");
    const vip = (ids: string[]) => ids.filter((id) => id.startsWith("VIP-"));
    expect(vip(after.control)).toEqual(vip(before.control));
  });

  it("draws nobody at share 0", () => {
    const draw = drawControlGroup(base, 0, "s");
    expect(draw.control).toEqual([]);
    expect(draw.target).toHaveLength(1000);
  });

  it("returns empty groups for no eligible customers", () => {
    expect(drawControlGroup([], 0.1, "s")).toEqual({ control: [], target: [], strata: [] });
  });

  it("keeps a control group when every tier is too small to round up on its own", () => {
    // ten tiers of 4 at 10%: each quota is 0.4, per-tier rounding would give 0; overall round(4) = 4
    const small = Array.from({ length: 10 }, (_, t) => customers(`T${t}`, 4)).flat();
    const draw = drawControlGroup(small, 0.1, "s");
    expect(draw.control).toHaveLength(4);
    expect(draw.strata.map((s) => s.control)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it("picks every customer about equally often across seeds (no positional bias)", () => {
    const group = customers("G", 10);
    const hits = new Map<string, number>();
    for (let s = 0; s < 2000; s++) {
      for (const id of drawControlGroup(group, 0.3, `seed-${s}`).control) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    // expected 600 each; binomial sd ≈ 20.5, so ±100 is ~5 sd
    for (const c of group) expect(Math.abs((hits.get(c.customerId) ?? 0) - 600)).toBeLessThan(100);
  });

  it.each([1, -0.1, 1.5, Number.NaN])("refuses share %s", (share) => {
    expect(() => drawControlGroup(base, share, "s")).toThrow(RangeError);
  });

  it("refuses an empty seed and a customer listed twice", () => {
    expect(() => drawControlGroup(base, 0.1, "")).toThrow(/seed/);
    expect(() => drawControlGroup([...customers("A", 2), { customerId: "A-0001", stratum: "B" }], 0.1, "s")).toThrow(
      /A-0001/,
    );
  });
});

describe("controlSizes", () => {
  it("gives each stratum its floor and the leftover seats to the largest remainders", () => {
    // quotas 1.5, 2.7, 0.8 → floors 1, 2, 0; total round(5.0) = 5 → +1 to 0.8 and 0.7
    expect(controlSizes([15, 27, 8], 0.1)).toEqual([1, 3, 1]);
  });

  it("breaks equal remainders in favour of the stratum listed first", () => {
    // quotas 0.5, 0.5 → total round(1.0) = 1 → the first
    expect(controlSizes([5, 5], 0.1)).toEqual([1, 0]);
  });

  it("rounds the total half up", () => {
    // quotas 0.25 × 2 → 0.5 overall → 1
    expect(controlSizes([1, 1], 0.25)).toEqual([1, 0]);
  });

  it("does not lose a seat to floating point (0.29 × 100 is 28.999…96 in doubles)", () => {
    expect(controlSizes([100], 0.29)).toEqual([29]);
  });

  it("never takes more than a stratum holds", () => {
    expect(controlSizes([1, 1, 1], 0.9)).toEqual([1, 1, 1]);
    expect(controlSizes([1, 1, 1, 1], 0.6)).toEqual([1, 1, 0, 0]);
  });
});

describe("seededRandom", () => {
  it("repeats for a seed and stays in [0, 1)", () => {
    const a = seededRandom("x");
    const b = seededRandom("x");
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom("y")()).not.toBe(xs[0]);
  });
});

describe("drawControlGroup at a million", () => {
  it("draws from one stratum of a million customers without overflowing the stack", () => {
    const eligible = Array.from({ length: 1_000_000 }, (_, i) => ({ customerId: String(i), stratum: "GOLD" }));
    const draw = drawControlGroup(eligible, 0.1, "campaign-1");
    expect(draw.control).toHaveLength(100_000);
    expect(draw.target).toHaveLength(900_000);
  });
});
