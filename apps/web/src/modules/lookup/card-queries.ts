import { getPrisma } from "@dangol/db/client";

export type FormatYear = { format: string; visits: number; spend: number };
export type CategoryShare = { name: string; nameEn: string | null; spend: number };

/**
 * Everything the store card shows of one active customer, each part one indexed query on the
 * customer's id (receipt (customer_id, sold_at), point_entry (customer_id, …), the metrics and
 * cycles primary keys), run side by side. null when the customer is not active (merged, erased).
 */
export async function loadLookupCard(id: bigint) {
  const db = getPrisma();
  const [customer, metrics, held, tiers, points, years, categories, lastVisit, dueCategory] = await Promise.all([
    db.customer.findFirst({
      where: { id, status: "ACTIVE" },
      select: { id: true, name: true, phone: true, email: true, addressText: true, zip: true, joinedOn: true },
    }),
    db.customerMetrics.findUnique({ where: { customerId: id } }),
    db.customerTierHistory.findFirst({
      where: { customerId: id, effectiveTo: null },
      orderBy: { effectiveFrom: "desc" },
      select: { tierCode: true },
    }),
    db.tier.findMany({
      where: { active: true },
      orderBy: { rank: "asc" },
      select: { code: true, name: true, nameEn: true, rank: true, minSpend: true, minVisits: true },
    }),
    // A lot's remainder is its points minus what burns and returns took from it (point_allocation);
    // lots past their last day are the expiry job's, so only those still usable count as expiring.
    // The customer's entries first (MATERIALIZED): otherwise the planner may walk (kind, expires_on)
    // through every customer's lots that lapse this month.
    db.$queryRaw<{ balance: bigint; expiring: bigint }[]>`
      WITH mine AS MATERIALIZED (SELECT id, kind, points, expires_on FROM point_entry WHERE customer_id = ${id})
      SELECT COALESCE(sum(points), 0)::bigint AS balance,
             COALESCE(sum(points - COALESCE((SELECT sum(a.points) FROM point_allocation a WHERE a.earn_entry_id = mine.id), 0))
                        FILTER (WHERE kind IN ('EARN', 'ADJUST') AND points > 0
                                  AND expires_on BETWEEN (now() AT TIME ZONE 'Asia/Seoul')::date
                                                     AND (now() AT TIME ZONE 'Asia/Seoul')::date + 30), 0)::bigint AS expiring
        FROM mine`,
    db.$queryRaw<{ format: string; visits: number; spend: bigint }[]>`
      SELECT s.format::text AS format,
              count(DISTINCT r.business_date) FILTER (WHERE r.type = 'SALE')::int AS visits,
              sum(r.net_amount)::bigint AS spend
         FROM receipt r JOIN store s ON s.id = r.store_id
        WHERE r.customer_id = ${id}
          AND r.sold_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Seoul') AT TIME ZONE 'Asia/Seoul'
        GROUP BY s.format`,
    // Favourite = most net spend over the last 12 months, at the middle level (과일, 정육/수산 …).
    db.$queryRaw<{ name: string; name_en: string | null; spend: bigint }[]>`
      SELECT c2.name_ko AS name, c2.name_en, sum(rl.amount)::bigint AS spend
         FROM receipt r
         JOIN receipt_line rl ON rl.receipt_id = r.id
         JOIN category c3 ON c3.code = rl.category_code
         JOIN category c2 ON c2.code = c3.parent_code
        WHERE r.customer_id = ${id} AND r.sold_at >= now() - interval '12 months'
        GROUP BY c2.code, c2.name_ko, c2.name_en
       HAVING sum(rl.amount) > 0
        ORDER BY spend DESC, c2.code
        LIMIT 3`,
    db.receipt.findFirst({
      where: { customerId: id, type: "SALE" },
      orderBy: { soldAt: "desc" },
      select: { soldAt: true, store: { select: { name: true } } },
    }),
    // The category bought on the most days among those whose own cycle is due now.
    db.$queryRaw<{ name: string; name_en: string | null }[]>`
      SELECT c.name_ko AS name, c.name_en
        FROM customer_category_cycle cc JOIN category c ON c.code = cc.category_code
       WHERE cc.customer_id = ${id} AND cc.due_now
       ORDER BY cc.purchase_days DESC, cc.category_code
       LIMIT 1`,
  ]);
  if (!customer) return null;
  const due = dueCategory[0];
  return {
    customer,
    metrics,
    heldTierCode: held?.tierCode ?? null,
    tiers,
    points: { balance: Number(points[0]?.balance ?? 0), expiring: Number(points[0]?.expiring ?? 0) },
    years: years.map((y): FormatYear => ({ format: y.format, visits: y.visits, spend: Number(y.spend) })),
    categories: categories.map((c): CategoryShare => ({ name: c.name, nameEn: c.name_en, spend: Number(c.spend) })),
    lastVisit: lastVisit ? { at: lastVisit.soldAt, store: lastVisit.store.name } : null,
    dueCategory: due ? { name: due.name, nameEn: due.name_en } : null,
  };
}
export type LookupCardData = NonNullable<Awaited<ReturnType<typeof loadLookupCard>>>;
