import { getPrisma, Prisma } from "@dangol/db/client";
import { DIVISIONS } from "@dangol/domain";
import { CONFIRMED_CONTACT_SOURCE } from "@dangol/domain/contacts";
import type { LookupKey } from "@dangol/domain/lookup";
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

/**
 * One page of the list in id order (keyset: `after` the previous page's last id, so page 1,000 costs
 * what page 1 does), each person once: merged records are folded into their survivor.
 */
export async function listCustomers(
  filters: CustomerFilters,
  key: LookupKey | null,
): Promise<{ rows: CustomerRow[]; nextAfter: string | null }> {
  const where: Prisma.Sql[] = [Prisma.sql`c.status <> 'MERGED'`];
  if (filters.after) where.push(Prisma.sql`c.id > ${BigInt(filters.after)}`);
  if (filters.tier) where.push(Prisma.sql`m.tier_code = ${filters.tier}`);
  if (filters.stage) where.push(Prisma.sql`m.lifecycle_stage = ${filters.stage}`);
  if (filters.sido) where.push(Prisma.sql`c.sido = ${filters.sido}`);
  if (filters.format)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM customer_source_link f WHERE f.customer_id = c.id AND f.source_code = ${filters.format}
                           AND f.withdrawn_at IS NULL AND NOT f.inferred)`,
    );
  if (key) where.push(keyCondition(key));
  const rows = await getPrisma().$queryRaw<
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
     LIMIT ${CUSTOMERS_PAGE_SIZE + 1}`;
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
