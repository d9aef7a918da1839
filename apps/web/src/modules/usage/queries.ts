import { getPrisma } from "@dangol/db/client";
import { type Area, ROLES, type Role, rolesFor } from "@dangol/domain";
import { SCREEN_PATTERNS, SCREENS } from "./screens.ts";

export type ScreenUsage = {
  pattern: string;
  area: Area;
  views: number;
  users: number;
  /** views per role; roles that cannot open the screen are absent */
  byRole: Partial<Record<Role, number>>;
  /** median time on page of the views whose leaving was reported, null when none was */
  medianMs: number | null;
  /** the last view ever kept (up to the 400-day retention), not only within the period */
  lastVisitedAt: Date | null;
};

type Row = {
  page: string;
  views: bigint;
  users: bigint;
  admin: bigint;
  crm_manager: bigint;
  analyst: bigint;
  store_staff: bigint;
  median_ms: number | null;
};

const DAY_MS = 86_400_000;

/**
 * Every known screen's use over the last `days` days, least used first (fewest views, then fewest
 * users), so the screens to improve or remove head the list; never-visited screens show as 0.
 */
export async function screenUsage(days: number, now: Date = new Date()): Promise<ScreenUsage[]> {
  const db = getPrisma();
  const since = new Date(now.getTime() - days * DAY_MS);
  const [inPeriod, last] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT page, count(*) AS views, count(DISTINCT user_id) AS users,
             count(*) FILTER (WHERE role = 'ADMIN') AS admin,
             count(*) FILTER (WHERE role = 'CRM_MANAGER') AS crm_manager,
             count(*) FILTER (WHERE role = 'ANALYST') AS analyst,
             count(*) FILTER (WHERE role = 'STORE_STAFF') AS store_staff,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS median_ms
        FROM page_view
       WHERE at >= ${since} AND at <= ${now} AND page = ANY(${SCREEN_PATTERNS as string[]})
       GROUP BY page`,
    // One index probe per screen on (page, at) rather than scanning the whole retained year.
    db.$queryRaw<{ page: string; at: Date | null }[]>`
      SELECT p.page, (SELECT max(v.at) FROM page_view v WHERE v.page = p.page) AS at
        FROM unnest(${SCREEN_PATTERNS as string[]}::text[]) AS p(page)`,
  ]);
  const byPage = new Map(inPeriod.map((row) => [row.page, row]));
  const lastAt = new Map(last.map((row) => [row.page, row.at]));

  return SCREENS.map(({ pattern, area }) => {
    const row = byPage.get(pattern);
    const perRole: Record<Role, bigint | undefined> = {
      ADMIN: row?.admin,
      CRM_MANAGER: row?.crm_manager,
      ANALYST: row?.analyst,
      STORE_STAFF: row?.store_staff,
    };
    const byRole: Partial<Record<Role, number>> = {};
    for (const role of ROLES) if (rolesFor(area).includes(role)) byRole[role] = Number(perRole[role] ?? 0);
    return {
      pattern,
      area,
      views: Number(row?.views ?? 0),
      users: Number(row?.users ?? 0),
      byRole,
      medianMs: row?.median_ms == null ? null : Math.round(row.median_ms),
      lastVisitedAt: lastAt.get(pattern) ?? null,
    };
  }).sort((a, b) => a.views - b.views || a.users - b.users || a.pattern.localeCompare(b.pattern));
}
