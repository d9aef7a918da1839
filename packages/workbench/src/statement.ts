/**
 * The analyst's text as the executor wraps it: the subquery of `SELECT * FROM (<text>) LIMIT n`,
 * which Postgres only accepts for one SELECT / WITH / VALUES / TABLE query without data-modifying
 * WITH clauses; see executor.ts for why. The line breaks keep a closing `--` comment inside.
 */
export const WRAP_PREFIX = "SELECT * FROM (\n";

export function wrapStatement(text: string, limit: number): string {
  return `${WRAP_PREFIX}${text}\n) AS workbench_result LIMIT ${limit}`;
}
