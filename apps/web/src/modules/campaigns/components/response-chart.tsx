"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ResponsePoint = { day: number; target: number | null; control: number | null };

const percent = (v: unknown) => (typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "—");

/**
 * Cumulative response rate by day since the batch's send, target vs control (the same wrapper as
 * the segment size chart); the measurement table beside it carries the exact figures.
 */
export function ResponseChart({
  points,
  labels,
}: {
  points: ResponsePoint[];
  labels: { target: string; control: string; day: string };
}) {
  return (
    <div className="h-64 w-full" data-testid="response-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(d: number) => String(d + 1)} />
          <YAxis tick={{ fontSize: 11 }} width={48} tickFormatter={percent} />
          <Tooltip
            formatter={(value) => percent(value)}
            labelFormatter={(d) => labels.day.replace("{day}", String(Number(d) + 1))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            type="stepAfter"
            dataKey="target"
            name={labels.target}
            stroke="#0369a1"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="control"
            name={labels.control}
            stroke="#94a3b8"
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
