import { Prisma } from "@dangol/db/client";
import { maskName, maskPhone } from "@dangol/domain";
import { LOOKUP_MAX_RESULTS, type LookupKey } from "@dangol/domain/lookup";
import { type Gated, gatedLookup, type LookupActor } from "./gate.ts";

export type TierLabel = { code: string; name: string; nameEn: string | null };
export type LookupMatch = { id: string; maskedName: string; maskedPhone: string; tier: TierLabel | null };
export type LookupResult = { matches: LookupMatch[]; more: boolean };

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/**
 * The customers a key points at, each via one index: (phone_last4, name) then a filter on the
 * name's prefix (the collation is not "C", so the few rows with those four digits are filtered),
 * customer.phone, or customer_source_link's card_no / (source_code, member_no) — every source
 * code is probed, so a member number of any format is found without a scan.
 */
function matchingIds(key: LookupKey): Prisma.Sql {
  switch (key.by) {
    case "last4+name":
      return Prisma.sql`SELECT id FROM customer WHERE phone_last4 = ${key.last4} AND name LIKE ${likePrefix(key.namePrefix)}`;
    case "phone":
      return Prisma.sql`SELECT id FROM customer WHERE phone = ${key.phone}`;
    case "card":
      return Prisma.sql`SELECT customer_id FROM customer_source_link
                         WHERE withdrawn_at IS NULL
                           AND (card_no = ${key.number}
                                OR (source_code = ANY (ARRAY(SELECT code FROM source_system)) AND member_no = ${key.number}))`;
  }
}

/**
 * One lookup: at most LOOKUP_MAX_RESULTS active customers, already masked, with the tier they
 * hold (or the one the last refresh evaluated). Counted against the rate limit and audited with
 * the way searched and the customers shown — never the key typed in.
 */
export async function lookupCustomers(key: LookupKey, actor: LookupActor): Promise<Gated<LookupResult>> {
  return gatedLookup(actor, async (tx) => {
    const rows = await tx.$queryRaw<
      {
        id: bigint;
        name: string | null;
        phone: string | null;
        tier_code: string | null;
        tier_name: string | null;
        tier_name_en: string | null;
      }[]
    >`
      SELECT c.id, c.name, c.phone, t.code AS tier_code, t.name AS tier_name, t.name_en AS tier_name_en
        FROM customer c
        LEFT JOIN customer_metrics m ON m.customer_id = c.id
        LEFT JOIN LATERAL (SELECT tier_code FROM customer_tier_history
                            WHERE customer_id = c.id AND effective_to IS NULL
                            ORDER BY effective_from DESC LIMIT 1) h ON true
        LEFT JOIN tier t ON t.code = COALESCE(h.tier_code, m.tier_code)
       WHERE c.id IN (${matchingIds(key)}) AND c.status = 'ACTIVE'
       ORDER BY c.name, c.id
       LIMIT ${LOOKUP_MAX_RESULTS + 1}`;
    const shown = rows.slice(0, LOOKUP_MAX_RESULTS);
    return {
      value: {
        more: rows.length > LOOKUP_MAX_RESULTS,
        matches: shown.map((r) => ({
          id: r.id.toString(),
          maskedName: maskName(r.name ?? ""),
          maskedPhone: maskPhone(r.phone ?? ""),
          tier: r.tier_code ? { code: r.tier_code, name: r.tier_name ?? r.tier_code, nameEn: r.tier_name_en } : null,
        })),
      },
      details: { by: key.by, customerIds: shown.map((r) => r.id.toString()) },
    };
  });
}
