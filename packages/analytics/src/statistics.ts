import { analyzeStaleTables } from "@dangol/db/statistics";
import type { ClientBase } from "pg";

/** The warehouse tables the refresh reads in bulk. */
const INPUT_TABLES = ["receipt", "receipt_line", "customer", "customer_metrics_snapshot", "category", "store"];

/**
 * Right after a bulk load the warehouse may not be analyzed yet (see analyzeStaleTables); with
 * the row estimates of an almost empty table the planner picks nested loops that turn a
 * seconds-long aggregate into hours (seen on a freshly loaded 50k-customer warehouse: the
 * cycles query ran 15 minutes instead of seconds). Returns the tables analyzed.
 */
export function refreshInputStatistics(client: ClientBase): Promise<string[]> {
  return analyzeStaleTables(client, INPUT_TABLES);
}
