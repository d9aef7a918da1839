import { describe, expect, it } from "vitest";
import { minimize } from "./optimize.ts";

describe("minimize", () => {
  it("finds the minimum of the Rosenbrock valley", () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2;
    const { x } = minimize(rosenbrock, [-1.2, 1]);
    expect(x[0]).toBeCloseTo(1, 5);
    expect(x[1]).toBeCloseTo(1, 5);
  });

  it("stays out of a region where the objective is not finite", () => {
    const { x } = minimize(([v]) => (v! < 0 ? Number.NaN : (v! - 2) ** 2), [5]);
    expect(x[0]).toBeCloseTo(2, 5);
  });
});
