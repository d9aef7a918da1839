"use client";

import { type ReactNode, useState } from "react";

/** Chart or table of the same figures; the table (with the links) is the one without JavaScript too. */
export function ViewToggle({
  id,
  chart,
  table,
  labels,
}: {
  id: string;
  chart: ReactNode;
  table: ReactNode;
  labels: { chart: string; table: string };
}) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const button = (which: "chart" | "table") => (
    <button
      type="button"
      aria-pressed={view === which}
      onClick={() => setView(which)}
      data-testid={`${id}-view-${which}`}
      className={`rounded px-2 py-1 text-xs ${view === which ? "bg-slate-900 text-white" : "border border-slate-300 bg-white"}`}
    >
      {labels[which]}
    </button>
  );
  return (
    <div>
      <div className="mb-2 flex gap-1">
        {button("chart")}
        {button("table")}
      </div>
      <div hidden={view !== "chart"}>{chart}</div>
      <div hidden={view !== "table"} data-testid={`${id}-table`}>
        {table}
      </div>
    </div>
  );
}
