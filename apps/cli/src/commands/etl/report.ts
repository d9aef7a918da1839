export type FileReport = {
  file: string;
  path: string;
  division: string;
  status: "loaded" | "duplicate_file" | "refused" | "failed";
  rowsIn: number;
  loaded: number;
  rejected: number;
  skipped: number;
  findings: number;
  seconds: number;
  reason?: string;
};

/** The per-file reconciliation: rows in = loaded + rejected + skipped, with totals. */
export function formatTable(reports: FileReport[]): string {
  const head = ["file", "division", "status", "rows in", "loaded", "rejected", "skipped", "findings", "s"];
  const rows = reports.map((r) =>
    [r.path, r.division, r.status, r.rowsIn, r.loaded, r.rejected, r.skipped, r.findings, r.seconds.toFixed(2)].map(
      String,
    ),
  );
  const sum = (key: "rowsIn" | "loaded" | "rejected" | "skipped" | "findings") =>
    String(reports.reduce((s, r) => s + r[key], 0));
  rows.push([
    "total",
    "",
    `${reports.length} files`,
    sum("rowsIn"),
    sum("loaded"),
    sum("rejected"),
    sum("skipped"),
    sum("findings"),
    "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
