import { getPrisma } from "@dangol/db/client";

export type DashboardOverview = {
  customers: { active: number; all: number };
  byDivision: { sourceCode: string; name: string; format: string; members: number }[];
  sales: { from: Date; to: Date; rows: { format: string; receipts: number; netSales: number }[] } | null;
  topRegions: { sido: string | null; customers: number }[];
};

/**
 * The window ends on the latest loaded business day rather than today: feeds arrive a day or
 * more late, and "the last 30 days" of a quiet warehouse should not read as zero sales.
 */
export async function loadDashboardOverview(): Promise<DashboardOverview> {
  const db = getPrisma();
  const [counts, byDivision, latest, topRegions] = await Promise.all([
    db.$queryRaw<{ active: bigint; all: bigint }[]>`
      SELECT count(*) FILTER (WHERE status = 'ACTIVE') AS active, count(*) AS all FROM customer`,
    db.$queryRaw<{ source_code: string; name: string; format: string; members: bigint }[]>`
      SELECT s.code AS source_code, s.name, s.format::text AS format, count(DISTINCT l.customer_id) AS members
      FROM source_system s
      LEFT JOIN customer_source_link l ON l.source_code = s.code AND l.withdrawn_at IS NULL
      GROUP BY s.code, s.name, s.format
      ORDER BY members DESC, s.code`,
    db.$queryRaw<{ latest: Date | null }[]>`SELECT max(business_date) AS latest FROM receipt`,
    db.$queryRaw<{ sido: string | null; customers: bigint }[]>`
      SELECT sido, count(*) AS customers FROM customer WHERE status = 'ACTIVE'
      GROUP BY sido ORDER BY customers DESC LIMIT 8`,
  ]);

  const to = latest[0]?.latest ?? null;
  let sales: DashboardOverview["sales"] = null;
  if (to) {
    const from = new Date(to.getTime() - 29 * 86_400_000);
    const rows = await db.$queryRaw<{ format: string; receipts: bigint; net_sales: bigint | null }[]>`
      SELECT st.format::text AS format, count(*) AS receipts, sum(r.net_amount)::bigint AS net_sales
      FROM receipt r JOIN store st ON st.id = r.store_id
      WHERE r.business_date BETWEEN ${from}::date AND ${to}::date
      GROUP BY st.format ORDER BY net_sales DESC NULLS LAST`;
    sales = {
      from,
      to,
      rows: rows.map((r) => ({ format: r.format, receipts: Number(r.receipts), netSales: Number(r.net_sales ?? 0) })),
    };
  }

  return {
    customers: { active: Number(counts[0]?.active ?? 0), all: Number(counts[0]?.all ?? 0) },
    byDivision: byDivision.map((r) => ({
      sourceCode: r.source_code,
      name: r.name,
      format: r.format,
      members: Number(r.members),
    })),
    sales,
    topRegions: topRegions.map((r) => ({ sido: r.sido, customers: Number(r.customers) })),
  };
}
