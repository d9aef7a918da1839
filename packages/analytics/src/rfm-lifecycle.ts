import { scoreRfm } from "@dangol/domain/rfm";
import type { ClientBase } from "pg";
import { loadAnalyticsConfig } from "./config.ts";
import { openCopy } from "./copy.ts";
import { cursorBatches } from "./cursor.ts";
import { dayFromIso } from "./days.ts";
import { buildCustomerInput, buildStoreDistances, INPUT_SQL, type InputRow } from "./input.ts";
import { lifecycleOf } from "./metrics-row.ts";
import { refreshInputStatistics } from "./statistics.ts";
import { refreshWindows } from "./windows.ts";

/** Columns of the table computeRfmLifecycle fills, also what the hand-written SQL baseline returns. */
export const RFM_LIFECYCLE_COLUMNS = ["customer_id", "r_score", "f_score", "m_score", "lifecycle_stage"] as const;

/**
 * The refresh's RFM and lifecycle steps on their own, for `dangol bench analytics`: the same
 * aggregate (buildCustomerInput), the same quintile scorer and the same lifecycle rule
 * (lifecycleOf) as runAnalyticsRefresh, without the models, tiers and publishing around them.
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

  // Pass one: the base-wide quintiles need every customer in the RFM window first.
  const ids: string[] = [];
  const inWindow: { customerId: string; recencyDays: number; frequency: number; monetaryCents: number }[] = [];
  const position: number[] = [];
  for await (const batch of cursorBatches<InputRow>(reader, INPUT_SQL)) {
    for (const row of batch) {
      if (row.rfm_last !== null) {
        position.push(ids.length);
        inWindow.push({
          customerId: row.customer_id,
          recencyDays: w.asOf - row.rfm_last,
          frequency: row.rfm_frequency,
          monetaryCents: Number(row.rfm_monetary),
        });
      }
      ids.push(row.customer_id);
    }
  }
  const scores = new Int8Array(ids.length * 3);
  scoreRfm(inWindow).forEach((s, k) => {
    const i = position[k]! * 3;
    scores[i] = s.r;
    scores[i + 1] = s.f;
    scores[i + 2] = s.m;
  });

  // Pass two: the stage of each customer, written beside the scores.
  await writer.query(
    `CREATE TEMP TABLE ${input.table} (customer_id bigint PRIMARY KEY, r_score smallint, f_score smallint,
       m_score smallint, lifecycle_stage text NOT NULL)`,
  );
  const copy = openCopy(writer, input.table, RFM_LIFECYCLE_COLUMNS);
  let i = 0;
  for await (const batch of cursorBatches<InputRow>(reader, INPUT_SQL)) {
    for (const row of batch) {
      const score = (k: number) => scores[i * 3 + k] || null;
      await copy.write([row.customer_id, score(0), score(1), score(2), lifecycleOf(row, config, w).stage]);
      i++;
    }
  }
  await copy.end();
  return { customers, scored: inWindow.length };
}
