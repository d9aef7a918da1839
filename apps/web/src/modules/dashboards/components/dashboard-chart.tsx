"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLORS = ["#0369a1", "#15803d", "#b45309", "#7c3aed", "#be123c", "#0f766e", "#4d7c0f", "#a16207"];

export type ChartSeries = { key: string; name: string };

/**
 * Bars per category (side by side, or stacked for parts of a whole such as new + returning buyers or
 * a migration matrix's rows). The exact figures and their links are in the table view beside it.
 */
export function DashboardChart({
  data,
  x,
  series,
  stacked,
  locale,
}: {
  data: Record<string, string | number>[];
  x: string;
  series: ChartSeries[];
  stacked: boolean;
  locale: string;
}) {
  const compact = new Intl.NumberFormat(locale === "en" ? "en-US" : "ko-KR", { notation: "compact" });
  const full = new Intl.NumberFormat(locale === "en" ? "en-US" : "ko-KR");
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={x} tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => compact.format(v)} />
          <Tooltip formatter={(value) => full.format(Number(value))} />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={COLORS[i % COLORS.length]}
              stackId={stacked ? "stack" : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
