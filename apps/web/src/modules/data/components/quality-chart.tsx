"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type QualityChartPoint = { day: string; phone: number; email: number; birth: number; consent: number };

const SERIES = [
  { key: "phone", color: "#0369a1" },
  { key: "email", color: "#15803d" },
  { key: "birth", color: "#b45309" },
  { key: "consent", color: "#7c3aed" },
] as const;

/** The four shares (%) per recorded day; the table below it carries the exact figures. */
export function QualityChart({
  points,
  labels,
}: {
  points: QualityChartPoint[];
  labels: Record<(typeof SERIES)[number]["key"], string>;
}) {
  return (
    <div className="h-56 w-full" data-testid="quality-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} width={44} />
          <Tooltip formatter={(value) => `${Number(value).toFixed(1)}%`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={labels[s.key]}
              stroke={s.color}
              dot={points.length < 20}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
