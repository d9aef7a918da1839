import type { LifecycleStage } from "@dangol/domain/lifecycle";
import type { ClientBase } from "pg";
import { loadAnalyticsConfig } from "./config.ts";
import { openCopy } from "./copy.ts";
import { dayFromIso } from "./days.ts";
import { buildCustomerInput, buildStoreDistances, readInput } from "./input.ts";
import { LIFECYCLE_INPUT_COLUMNS, lifecycleOf } from "./metrics-row.ts";
import { RFM_INPUT_COLUMNS, RfmBase } from "./rfm-base.ts";
import { refreshInputStatistics } from "./statistics.ts";
import { refreshWindows } from "./windows.ts";

/** Columns of the table computeRfmLifecycle fills, also what the hand-written SQL baseline returns. */
export const RFM_LIFECYCLE_COLUMNS = ["customer_id", "r_score", "f_score", "m_score", "lifecycle_stage"] as const;

/** Rows per COPY write. */
const WRITE_BATCH = 5_000;

/**
 * The refresh's RFM and lifecycle steps on their own, for `dangol bench analytics`: the same
 * aggregate (buildCustomerInput), the same quintiles (RfmBase, which BaseModels scores with) and
 * the same lifecycle rule (lifecycleOf) as runAnalyticsRefresh, without the models, tiers and
 * publishing around them.
 * Results go into a new temp table `table` on `writer`; `reader` gets the refresh's temp tables,
 * so give it a fresh connection.
 */
export async function computeRfmLifecycle(
  reader: ClientBase,
  writer: ClientBase,
  input: { asOf: string; table: string },
): Promise<{ customers: number; scored: number }> {
  const config = await loadAnalyticsConfig(reader);
  const w = refreshWindows(dayFromIso(input.asOf), config);
  await refreshInputStatistics(reader);
  await buildStoreDistances(reader, config.crossformat);
  const customers = await buildCustomerInput(reader, w);

  // One pass: the quintiles need the whole base first, the stage only its own row, so the stage
  // waits in an array beside the RFM measures and everything is written once scored.
  const rfm = new RfmBase(customers, w.asOf);
  const stages: LifecycleStage[] = [];
  for await (const batch of readInput(reader, [...RFM_INPUT_COLUMNS, ...LIFECYCLE_INPUT_COLUMNS])) {
    for (const row of batch) stages[rfm.add(row)] = lifecycleOf(row, config, w).stage;
  }
  const scored = rfm.score();

  await writer.query(
    `CREATE TEMP TABLE ${input.table} (customer_id bigint PRIMARY KEY, r_score smallint, f_score smallint,
       m_score smallint, lifecycle_stage text NOT NULL)`,
  );
  const copy = openCopy(writer, input.table, RFM_LIFECYCLE_COLUMNS);
  const score = (scores: Uint8Array, i: number) => scores[i] || null;
  for (let from = 0; from < rfm.size; from += WRITE_BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(from + WRITE_BATCH, rfm.size); i++) {
      rows.push([rfm.ids[i]!, score(rfm.r, i), score(rfm.f, i), score(rfm.m, i), stages[i]!]);
    }
    await copy.writeRows(rows);
  }
  await copy.end();
  return { customers, scored };
}
