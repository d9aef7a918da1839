import { getPrisma, Prisma } from "@dangol/db/client";
import { DIVISIONS } from "@dangol/domain";
import { CONFIRMED_CONTACT_SOURCE } from "@dangol/domain/contacts";
import type { LookupKey } from "@dangol/domain/lookup";
import { withSegmentSettings } from "@dangol/segments";
import { segmentConditions } from "@/modules/segments/customer-filter";
import type { CustomerFilters } from "./filters.ts";

export const CUSTOMERS_PAGE_SIZE = 50;

export type CustomerRow = {
  id: string;
  name: string | null;
  phone: string | null;
  sido: string | null;
  sigungu: string | null;
  status: string;
  joinedOn: Date | null;
  tierCode: string | null;
  stage: string | null;
  divisions: string[];
};

// Member numbers are unique per source: probing each source code keeps (source_code, member_no) usable.
const LINK_SOURCES = [...DIVISIONS, CONFIRMED_CONTACT_SOURCE];

function keyCondition(key: LookupKey): Prisma.Sql {
  switch (key.by) {
    case "last4+name":
      return Prisma.sql`c.phone_last4 = ${key.last4} AND c.name LIKE ${`${key.namePrefix.replace(/[\\%_]/g, "\\$&")}%`}`;
    case "phone":
      return Prisma.sql`c.phone = ${key.phone}`;
    case "card":
      return Prisma.sql`c.id IN (SELECT customer_id FROM customer_source_link
                                  WHERE card_no = ${key.number}
                                     OR (source_code = ANY (${LINK_SOURCES}) AND member_no = ${key.number}))`;
  }
}

/** The held tier on the latest evaluation day (offset 0) or the day before (-1), as the tier dashboard reads it. */
function heldTier(offset: 0 | -1, tier: string): Prisma.Sql {
  const day = Prisma.sql`(SELECT max(effective_from) FROM customer_tier_history) + ${offset}::int`;
  const held = Prisma.sql`EXISTS (SELECT 1 FROM customer_tier_history h WHERE h.customer_id = c.id
      AND h.effective_from <= ${day} AND (h.effective_to IS NULL OR h.effective_to >= ${day})`;
  return tier === "NONE" ? Prisma.sql`NOT ${held})` : Prisma.sql`${held} AND h.tier_code = ${tier})`;
}

/**
 * Every filter as one condition on customer c / customer_metrics m; the dashboards' figures use the
 * same definitions (packages/analytics/src/dashboards.ts), so a number and its list agree.
 */
function whereFor(filters: CustomerFilters, key: LookupKey | null): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`c.status <> 'MERGED'`];
  if (filters.status) where.push(Prisma.sql`c.status = ${filters.status}::customer_status`);
  if (filters.tier) where.push(Prisma.sql`m.tier_code = ${filters.tier}`);
  if (filters.stage) where.push(Prisma.sql`m.lifecycle_stage = ${filters.stage}`);
  if (filters.sido) where.push(Prisma.sql`c.sido = ${filters.sido}`);
  if (filters.format)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM customer_source_link f WHERE f.customer_id = c.id AND f.source_code = ${filters.format}
                           AND f.withdrawn_at IS NULL AND NOT f.inferred)`,
    );
  if (filters.active) where.push(Prisma.sql`m.visits_12m > 0`);
  if (filters.combo) where.push(Prisma.sql`m.format_combo = ${filters.combo}`);
  if (filters.r) where.push(Prisma.sql`m.r_score = ${Number(filters.r)}`);
  if (filters.f) where.push(Prisma.sql`m.f_score = ${Number(filters.f)}`);
  if (filters.rfm) where.push(Prisma.sql`m.rfm_segment = ${filters.rfm}`);
  if (filters.rfmFrom)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM customer_metrics_snapshot s WHERE s.customer_id = c.id AND s.rfm_segment = ${filters.rfmFrom}
                    AND s.month = (SELECT max(month) FROM customer_metrics_snapshot
                                    WHERE month < date_trunc('month', (SELECT max(as_of) FROM customer_metrics))))`,
    );
  if (filters.tierFrom) where.push(heldTier(-1, filters.tierFrom));
  if (filters.tierTo) where.push(heldTier(0, filters.tierTo));
  if (filters.watch === "upgrade") where.push(Prisma.sql`m.upgrade_tier_code IS NOT NULL`);
  if (filters.watch === "downgrade") where.push(Prisma.sql`m.downgrade_risk`);
  if (filters.bought) {
    const month = Prisma.sql`${`${filters.bought}-01`}::date`;
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM receipt r WHERE r.customer_id = c.id AND r.type = 'SALE'
                    AND r.business_date >= ${month} AND r.business_date < ${month} + interval '1 month')`,
    );
    const first = Prisma.sql`date_trunc('month', m.first_purchase_on)::date = ${month}`;
    if (filters.buyer === "new") where.push(first);
    if (filters.buyer === "returning") where.push(Prisma.sql`(m.first_purchase_on IS NULL OR NOT ${first})`);
  }
  if (filters.gained && filters.gainedFrom && filters.since)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM dashboard.format_first b JOIN dashboard.format_first a ON a.customer_id = b.customer_id
                    WHERE b.customer_id = c.id AND b.format = ${filters.gained} AND b.first_on >= ${filters.since}::date
                      AND a.format = ${filters.gainedFrom} AND a.first_on < b.first_on)`,
    );
  if (key) where.push(keyCondition(key));
  return where;
}

/** How many customers the filters select (all pages). */
export async function countCustomers(filters: CustomerFilters, key: LookupKey | null): Promise<number> {
  const where = [...whereFor(filters, key), ...(await segmentConditions(filters))];
  const rows = await withSegmentSettings(
    getPrisma(),
    (tx) => tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id
     WHERE ${Prisma.join(where, " AND ")}`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * One page of the list in id order (keyset: `after` the previous page's last id, so page 1,000 costs
 * what page 1 does), each person once: merged records are folded into their survivor.
 */
export async function listCustomers(
  filters: CustomerFilters,
  key: LookupKey | null,
): Promise<{ rows: CustomerRow[]; nextAfter: string | null }> {
  const where = [...whereFor(filters, key), ...(await segmentConditions(filters))];
  if (filters.after) where.push(Prisma.sql`c.id > ${BigInt(filters.after)}`);
  // a segment filter is the segment's compiled SQL: run it under the count's settings
  const rows = await withSegmentSettings(
    getPrisma(),
    (tx) => tx.$queryRaw<
      {
        id: bigint;
        name: string | null;
        phone: string | null;
        sido: string | null;
        sigungu: string | null;
        status: string;
        joined_on: Date | null;
        tier_code: string | null;
        lifecycle_stage: string | null;
        divisions: string[];
      }[]
    >`
    SELECT c.id, c.name, c.phone, c.sido, c.sigungu, c.status::text AS status, c.joined_on, m.tier_code, m.lifecycle_stage,
           ARRAY(SELECT DISTINCT l.source_code FROM customer_source_link l
                  WHERE l.customer_id = c.id AND l.withdrawn_at IS NULL ORDER BY 1)::text[] AS divisions
      FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY c.id
     LIMIT ${CUSTOMERS_PAGE_SIZE + 1}`,
  );
  const shown = rows.slice(0, CUSTOMERS_PAGE_SIZE);
  return {
    nextAfter: rows.length > CUSTOMERS_PAGE_SIZE ? shown[shown.length - 1]!.id.toString() : null,
    rows: shown.map((r) => ({
      id: r.id.toString(),
      name: r.name,
      phone: r.phone,
      sido: r.sido,
      sigungu: r.sigungu,
      status: r.status,
      joinedOn: r.joined_on,
      tierCode: r.tier_code,
      stage: r.lifecycle_stage,
      divisions: r.divisions,
    })),
  };
}

/** The filter choices: tiers and the regions customers live in (a few dozen rows each). */
export async function filterChoices() {
  const db = getPrisma();
  const [tiers, regions] = await Promise.all([
    db.tier.findMany({
      where: { active: true },
      orderBy: { rank: "desc" },
      select: { code: true, name: true, nameEn: true },
    }),
    db.region.findMany({ distinct: ["sido"], orderBy: { sido: "asc" }, select: { sido: true } }),
  ]);
  return { tiers, sidos: regions.map((r) => r.sido) };
}
