"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type SizePoint = { at: string; size: number };

/** The segment's size at each snapshot; the table beside it carries the exact figures. */
export function SizeChart({ points, label }: { points: SizePoint[]; label: string }) {
  return (
    <div className="h-56 w-full" data-testid="size-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="at" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={56} allowDecimals={false} />
          <Tooltip />
          <Line
            type="monotone"
            dataKey="size"
            name={label}
            stroke="#0369a1"
            dot={points.length < 30}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
