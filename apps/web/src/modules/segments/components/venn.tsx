import Link from "next/link";

/** One region of the diagram: which of the sets it lies in, its count and the customers behind it. */
export type VennRegion = { inside: boolean[]; count: string; href: string; label: string };

const COLORS = ["#0369a1", "#b45309", "#15803d"];
const CIRCLES: Record<2 | 3, { cx: number; cy: number; r: number }[]> = {
  2: [
    { cx: 150, cy: 140, r: 100 },
    { cx: 250, cy: 140, r: 100 },
  ],
  3: [
    { cx: 150, cy: 120, r: 95 },
    { cx: 250, cy: 120, r: 95 },
    { cx: 200, cy: 205, r: 95 },
  ],
};
/** Where each region's number sits, keyed by membership ("10" = in the first only). */
const LABELS: Record<string, { x: number; y: number }> = {
  "10": { x: 100, y: 145 },
  "01": { x: 300, y: 145 },
  "11": { x: 200, y: 145 },
  "100": { x: 110, y: 95 },
  "010": { x: 290, y: 95 },
  "001": { x: 200, y: 270 },
  "110": { x: 200, y: 85 },
  "101": { x: 148, y: 190 },
  "011": { x: 252, y: 190 },
  "111": { x: 200, y: 155 },
};

/**
 * A Venn-style diagram of two or three segments drawn as SVG circles (recharts has none); each
 * region's count links to the customers in exactly that region.
 */
export function Venn({ names, regions }: { names: string[]; regions: VennRegion[] }) {
  const circles = CIRCLES[names.length as 2 | 3];
  return (
    <svg
      viewBox="0 0 400 320"
      className="h-auto w-full max-w-md"
      role="img"
      aria-label={names.join(" / ")}
      data-testid="venn"
    >
      {circles.map((c, i) => (
        <circle key={names[i]} {...c} fill={COLORS[i]} fillOpacity={0.15} stroke={COLORS[i]} strokeWidth={2} />
      ))}
      {circles.map((c, i) => (
        <text
          key={`name-${names[i]}`}
          x={c.cx + (i === 0 ? -40 : i === 1 ? 40 : 0)}
          y={i === 2 ? c.cy + c.r + 14 : c.cy - c.r - 6}
          textAnchor="middle"
          fontSize={12}
          fill={COLORS[i]}
        >
          {names[i]}
        </text>
      ))}
      {regions.map((region) => {
        const key = region.inside.map((x) => (x ? "1" : "0")).join("");
        const at = LABELS[key];
        if (!at) return null;
        return (
          <Link key={key} href={region.href} data-region={key}>
            <text
              x={at.x}
              y={at.y}
              textAnchor="middle"
              fontSize={15}
              fontWeight={600}
              className="fill-slate-900 underline"
            >
              <title>{region.label}</title>
              {region.count}
            </text>
          </Link>
        );
      })}
    </svg>
  );
}
