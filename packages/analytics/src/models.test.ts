import { defaultAnalyticsConfig } from "@dangol/domain/analytics";
import { describe, expect, it, vi } from "vitest";
import { dayFromIso } from "./days.ts";
import { BaseModels } from "./models.ts";
import { refreshWindows } from "./windows.ts";

// The fit itself is the domain's (tested there); here it returns what a real base once produced
// (a synthetic two-year warehouse): a + b < 1, where E[X(t)] of a one-time buyer is undefined.
vi.mock("@dangol/domain/clv", async (importOriginal) => {
  const real = await importOriginal<typeof import("@dangol/domain/clv")>();
  return {
    ...real,
    fitBgNbd: () => ({ params: { r: 0.8, alpha: 20, a: 0.3, b: 0.4 }, logLik: -1, customers: 2 }),
  };
});

describe("BaseModels.fitAndPredict", () => {
  it("publishes no predictions, and says why, when the fitted model cannot predict a history", () => {
    const config = defaultAnalyticsConfig();
    const asOf = dayFromIso("2025-12-31");
    const models = new BaseModels(2, config, refreshWindows(asOf, config));
    const customer = (id: string, days: number[]) =>
      models.add({
        customer_id: id,
        rfm_last: days.at(-1)!,
        rfm_frequency: days.length,
        rfm_monetary: String(days.length * 10000),
        history_days: days,
        history_nets: days.map(() => "10000"),
      });
    customer("1", [asOf - 300, asOf - 200, asOf - 100]);
    customer("2", [asOf - 50]);
    models.fitAndPredict();
    expect(models.fits.errors).toEqual([expect.stringMatching(/^predictions: 2F1 needs c > 0/)]);
    expect([...models.expected.slice(0, 2), ...models.pAlive.slice(0, 2), ...models.clv.slice(0, 2)]).toEqual(
      Array(6).fill(Number.NaN),
    );
  });
});
