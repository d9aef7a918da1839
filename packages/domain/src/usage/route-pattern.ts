/**
 * A visited path as the screen it shows: `/customers/123` → `/customers/[id]`. Page views store
 * only this pattern, so no customer, query or batch id (and never a query string) is kept.
 * Patterns use the App Router's folder syntax: `[name]` for one segment, `[...name]` for the rest.
 */
export function routePatternOf(pathname: string, patterns: readonly string[]): string | null {
  const path = segmentsOf(pathname.split(/[?#]/, 1)[0] ?? "");
  let best: { pattern: string; rank: number[] } | null = null;
  for (const pattern of patterns) {
    const rank = matchRank(segmentsOf(pattern), path);
    if (rank && (!best || outranks(rank, best.rank))) best = { pattern, rank };
  }
  return best?.pattern ?? null;
}

function segmentsOf(path: string): string[] {
  return path.split("/").filter(Boolean);
}

// Per segment 2 = static, 1 = [param], 0 = [...rest]; like the router, a static segment wins over a
// dynamic one at the first place they differ (`/queries/new` is not `/queries/[id]`).
function matchRank(pattern: string[], path: string[]): number[] | null {
  const rank: number[] = [];
  for (const [i, part] of pattern.entries()) {
    if (/^\[\.\.\.[^\]]+\]$/.test(part)) return i < path.length ? [...rank, 0] : null;
    const segment = path[i];
    if (segment === undefined) return null;
    if (/^\[[^\]]+\]$/.test(part)) rank.push(1);
    else if (part === segment) rank.push(2);
    else return null;
  }
  return pattern.length === path.length ? rank : null;
}

function outranks(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0);
  return a.length > b.length;
}
