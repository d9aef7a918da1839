import type { AnalyticsConfig } from "@dangol/domain/analytics";
import {
  type BgNbdFit,
  type CustomerHistory,
  customerHistories,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaFit,
  type Purchase,
  predictCustomer,
  type Rft,
} from "@dangol/domain/clv";
import type { InputRow } from "./input.ts";
import { RFM_INPUT_COLUMNS, RfmBase } from "./rfm-base.ts";
import type { Windows } from "./windows.ts";

/** The input columns pass one reads (see BaseModels.add). */
export const MODEL_INPUT_COLUMNS = [...RFM_INPUT_COLUMNS, "history_days", "history_nets"] as const;

/**
 * Whatever needs the whole base before any customer's row can be written (RFM quintiles, the
 * BG/NBD and Gamma-Gamma fits), held column-wise in typed arrays indexed by the customer's
 * position in customer_id order, so a million customers cost tens of MB, not objects.
 */
export class BaseModels {
  #rfm: RfmBase;
  #h: Record<"x" | "tx" | "T" | "m" | "xc" | "txc" | "Tc" | "mc" | "holdout", Float64Array>;
  expected: Float64Array;
  pAlive: Float64Array;
  clv: Float64Array;
  fits: { bgnbd?: BgNbdFit; gammaGamma?: GammaGammaFit; calibration?: CalibrationCheck; errors: string[] } = {
    errors: [],
  };

  constructor(
    capacity: number,
    private readonly config: AnalyticsConfig,
    private readonly w: Windows,
  ) {
    const f64 = () => new Float64Array(capacity).fill(Number.NaN);
    this.#rfm = new RfmBase(capacity, w.asOf);
    this.#h = { x: f64(), tx: f64(), T: f64(), m: f64(), xc: f64(), txc: f64(), Tc: f64(), mc: f64(), holdout: f64() };
    this.expected = f64();
    this.pAlive = f64();
    this.clv = f64();
  }

  get size(): number {
    return this.#rfm.size;
  }

  /** Pass one: remember what the base-wide steps need of this customer. */
  add(row: Pick<InputRow, (typeof MODEL_INPUT_COLUMNS)[number]>): void {
    const i = this.#rfm.add(row);
    const { unitDays } = this.config.clv;
    const purchases: Purchase[] = [];
    let holdout = 0;
    row.history_days.forEach((day, k) => {
      if (day < this.w.clvFrom) return;
      purchases.push({ customerId: row.customer_id, day, amount: Number(row.history_nets[k]) });
      if (day > this.w.calibrationEnd) holdout++;
    });
    const full = customerHistories(purchases, this.w.asOf, unitDays)[0];
    if (full) this.#setHistory(i, full, "x", "tx", "T", "m");
    const calibration = customerHistories(purchases, this.w.calibrationEnd, unitDays)[0];
    if (calibration) {
      this.#setHistory(i, calibration, "xc", "txc", "Tc", "mc");
      this.#h.holdout[i] = holdout;
    }
  }

  #setHistory(i: number, h: CustomerHistory, x: "x" | "xc", tx: "tx" | "txc", T: "T" | "Tc", m: "m" | "mc") {
    this.#h[x][i] = h.x;
    this.#h[tx][i] = h.tx;
    this.#h[T][i] = h.T;
    this.#h[m][i] = h.meanRepeatSpend ?? Number.NaN;
  }

  /** RFM quintiles through the same scorer as `dangol analyze rfm`, over customers inside the RFM window. */
  scoreRfm(): number {
    return this.#rfm.score();
  }

  rfm(i: number): ReturnType<RfmBase["at"]> {
    return this.#rfm.at(i);
  }

  /** Fits both models on the base (an evenly spaced sample past maxFitCustomers) and predicts everyone. */
  fitAndPredict(): void {
    const h = this.#h;
    const histories = (x: Float64Array, tx: Float64Array, T: Float64Array) =>
      this.#sample((i) => (Number.isNaN(x[i]!) ? undefined : { x: x[i]!, tx: tx[i]!, T: T[i]! }));
    try {
      this.fits.bgnbd = fitBgNbd(histories(h.x, h.tx, h.T));
    } catch (error) {
      this.fits.errors.push(`bgnbd: ${(error as Error).message}`);
      return;
    }
    try {
      this.fits.gammaGamma = fitGammaGamma(
        this.#sample((i) => (h.x[i]! > 0 && h.m[i]! > 0 ? { x: h.x[i]!, m: h.m[i]! } : undefined)),
      );
    } catch (error) {
      this.fits.errors.push(`gammagamma: ${(error as Error).message}`);
    }
    try {
      this.fits.calibration = this.#calibrationCheck(fitBgNbd(histories(h.xc, h.txc, h.Tc)));
    } catch (error) {
      this.fits.errors.push(`calibration: ${(error as Error).message}`);
    }
    const { clv } = this.config;
    const assumptions = {
      months: clv.months,
      monthlyDiscountRate: clv.monthlyDiscountRate,
      margin: clv.margin,
      unitDays: clv.unitDays,
    };
    try {
      this.#predict(this.fits.bgnbd.params, this.fits.gammaGamma?.params, assumptions);
    } catch (error) {
      // A fit the optimiser accepts can still leave the model's expectations undefined for some
      // histories (2F1's c = a + b + x − 1 ≤ 0: a + b < 1 and no repeat purchase): the refresh then
      // publishes everything else without predictions, and the run records why.
      for (const column of [this.expected, this.pAlive, this.clv]) column.fill(Number.NaN);
      this.fits.errors.push(`predictions: ${(error as Error).message}`);
    }
  }

  #predict(
    purchases: BgNbdFit["params"],
    spend: GammaGammaFit["params"] | undefined,
    assumptions: Parameters<typeof predictCustomer>[3],
  ): void {
    const h = this.#h;
    const { clv } = this.config;
    for (let i = 0; i < this.size; i++) {
      if (Number.isNaN(h.x[i]!)) continue;
      const history = {
        x: h.x[i]!,
        tx: h.tx[i]!,
        T: h.T[i]!,
        meanRepeatSpend: Number.isNaN(h.m[i]!) ? undefined : h.m[i]!,
      };
      if (spend) {
        const p = predictCustomer({ purchases, spend }, history, clv.horizonDays, assumptions);
        this.expected[i] = p.expectedPurchases;
        this.pAlive[i] = p.probabilityAlive;
        this.clv[i] = p.lifetimeValue;
      } else {
        this.expected[i] = expectedPurchases(purchases, history, clv.horizonDays / clv.unitDays);
      }
    }
  }

  /** Every k-th eligible customer, k chosen so at most maxFitCustomers remain; deterministic by id order. */
  *#sample<T>(pick: (i: number) => T | undefined): Generator<T> {
    const step = Math.max(1, Math.ceil(this.size / this.config.clv.maxFitCustomers));
    for (let i = 0; i < this.size; i += step) {
      const value = pick(i);
      if (value !== undefined) yield value;
    }
  }

  /**
   * Refit on the calibration period (lookback up to asOf − holdoutDays) and compare the repeat
   * purchases it predicts for the holdout with those that happened, overall and by calibration
   * frequency: the check lifetimes' plot_calibration_purchases_vs_holdout_purchases draws.
   */
  #calibrationCheck(fit: BgNbdFit): CalibrationCheck {
    const h = this.#h;
    const t = this.config.clv.holdoutDays / this.config.clv.unitDays;
    const buckets = new Map<string, { customers: number; predicted: number; actual: number }>();
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < this.size; i++) {
      if (Number.isNaN(h.xc[i]!)) continue;
      const rft: Rft = { x: h.xc[i]!, tx: h.txc[i]!, T: h.Tc[i]! };
      const p = expectedPurchases(fit.params, rft, t);
      const a = h.holdout[i]!;
      predicted += p;
      actual += a;
      const key = rft.x >= 6 ? "6+" : String(rft.x);
      const bucket = buckets.get(key) ?? { customers: 0, predicted: 0, actual: 0 };
      bucket.customers++;
      bucket.predicted += p;
      bucket.actual += a;
      buckets.set(key, bucket);
    }
    return {
      holdoutDays: this.config.clv.holdoutDays,
      params: fit.params,
      customers: fit.customers,
      predicted,
      actual,
      ratio: actual > 0 ? predicted / actual : null,
      byCalibrationFrequency: [...buckets.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([x, b]) => ({
          x,
          customers: b.customers,
          meanPredicted: b.predicted / b.customers,
          meanActual: b.actual / b.customers,
        })),
    };
  }
}

export type CalibrationCheck = {
  holdoutDays: number;
  params: BgNbdFit["params"];
  customers: number;
  predicted: number;
  actual: number;
  ratio: number | null;
  byCalibrationFrequency: { x: string; customers: number; meanPredicted: number; meanActual: number }[];
};
