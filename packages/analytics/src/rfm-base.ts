import { type RfmScore, rfmSegment, scoreRfmColumns } from "@dangol/domain/rfm";
import type { InputRow } from "./input.ts";

/** The input columns the RFM scores rest on. */
export const RFM_INPUT_COLUMNS = ["customer_id", "rfm_last", "rfm_frequency", "rfm_monetary"] as const;
export type RfmInputRow = Pick<InputRow, (typeof RFM_INPUT_COLUMNS)[number]>;

/**
 * The base-wide RFM quintiles of one refresh: each customer's measures kept in typed arrays at
 * its position in customer_id order while a pass reads the input, then scored all at once by the
 * domain's scorer (the one `dangol analyze rfm` uses) over the customers inside the RFM window.
 */
export class RfmBase {
  readonly ids: string[] = [];
  #days: Float64Array;
  #frequency: Float64Array;
  #monetary: Float64Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;

  constructor(
    capacity: number,
    private readonly asOf: number,
  ) {
    this.#days = new Float64Array(capacity).fill(Number.NaN);
    this.#frequency = new Float64Array(capacity);
    this.#monetary = new Float64Array(capacity);
    this.r = new Uint8Array(capacity);
    this.f = new Uint8Array(capacity);
    this.m = new Uint8Array(capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Remembers the next customer in customer_id order; returns its position. */
  add(row: RfmInputRow): number {
    const i = this.ids.length;
    this.ids.push(row.customer_id);
    if (row.rfm_last !== null) {
      this.#days[i] = this.asOf - row.rfm_last;
      this.#frequency[i] = row.rfm_frequency;
      this.#monetary[i] = Number(row.rfm_monetary);
    }
    return i;
  }

  /** Scores the customers inside the RFM window; the others keep 0 (no score). Returns how many. */
  score(): number {
    const inWindow: number[] = [];
    for (let i = 0; i < this.size; i++) if (!Number.isNaN(this.#days[i]!)) inWindow.push(i);
    const scores = scoreRfmColumns({
      ids: inWindow.map((i) => this.ids[i]!),
      recencyDays: inWindow.map((i) => this.#days[i]!),
      frequency: inWindow.map((i) => this.#frequency[i]!),
      monetaryCents: inWindow.map((i) => this.#monetary[i]!),
    });
    inWindow.forEach((i, k) => {
      this.r[i] = scores.r[k]!;
      this.f[i] = scores.f[k]!;
      this.m[i] = scores.m[k]!;
    });
    return inWindow.length;
  }

  /** The customer's scores, cell and segment; undefined outside the RFM window. */
  at(i: number): { r: RfmScore; f: RfmScore; m: RfmScore; cell: string; segment: string } | undefined {
    const r = this.r[i] as RfmScore;
    const f = this.f[i] as RfmScore;
    const m = this.m[i] as RfmScore;
    if (!r) return undefined;
    return { r, f, m, cell: `${r}${f}${m}`, segment: rfmSegment(r, f) };
  }
}
