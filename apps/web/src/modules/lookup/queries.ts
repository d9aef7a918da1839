import { type AuditActor, writeAudit } from "@dangol/db/audit";
import { getPrisma } from "@dangol/db/client";
import { formatPhone, maskName, maskPhone, phoneDigits } from "@dangol/domain";

export type LookupQuery = { phone?: string; name?: string };
export type LookupMatch = {
  id: string;
  maskedName: string;
  maskedPhone: string;
  joinedOn: Date | null;
  divisions: string[];
};
export type LookupOutcome =
  | { kind: "idle" }
  | { kind: "needName" }
  | { kind: "badPhone" }
  | { kind: "results"; matches: LookupMatch[] };

/**
 * Full number, or last four digits plus the exact name: four digits alone match thousands of
 * people, so they are never enough. Results leave this function already masked.
 */
export async function lookupCustomers(query: LookupQuery, actor: AuditActor): Promise<LookupOutcome> {
  const digits = phoneDigits(query.phone ?? "");
  const name = query.name?.trim() ?? "";
  if (!digits) return { kind: "idle" };
  let where: { phone: string } | { phoneLast4: string; name: string };
  if (digits.length === 4) {
    if (!name) return { kind: "needName" };
    where = { phoneLast4: digits, name };
  } else if (digits.length === 10 || digits.length === 11) {
    where = { phone: formatPhone(digits) };
  } else {
    return { kind: "badPhone" };
  }
  const db = getPrisma();
  const rows = await db.customer.findMany({
    where: { ...where, status: "ACTIVE" },
    orderBy: { id: "asc" },
    take: 10,
    select: {
      id: true,
      name: true,
      phone: true,
      joinedOn: true,
      sourceLinks: { where: { withdrawnAt: null }, select: { sourceCode: true } },
    },
  });
  // Personal-data access is logged (who looked up whom, and how), never the number typed in.
  await writeAudit(db, {
    actor,
    action: "customer.lookup",
    targetType: "customer",
    details: { by: "phone" in where ? "phone" : "last4+name", customerIds: rows.map((r) => r.id.toString()) },
  });
  return {
    kind: "results",
    matches: rows.map((r) => ({
      id: r.id.toString(),
      maskedName: maskName(r.name ?? ""),
      maskedPhone: maskPhone(r.phone ?? ""),
      joinedOn: r.joinedOn,
      divisions: [...new Set(r.sourceLinks.map((l) => l.sourceCode))].sort(),
    })),
  };
}
