import { getPrisma } from "@dangol/db/client";

export const CUSTOMERS_PAGE_SIZE = 50;

/** What the list and the customer page show of a golden record: the fields and its active formats. */
export const CUSTOMER_SUMMARY = {
  id: true,
  name: true,
  phone: true,
  sido: true,
  sigungu: true,
  status: true,
  joinedOn: true,
  sourceLinks: { where: { withdrawnAt: null }, select: { sourceCode: true } },
} as const;

export type CustomerRow = {
  id: string;
  name: string | null;
  phone: string | null;
  sido: string | null;
  sigungu: string | null;
  status: string;
  joinedOn: Date | null;
  divisions: string[];
};

/** Merged records are folded into their survivor, so the list shows each person once. */
export async function listCustomers(page: number): Promise<{ rows: CustomerRow[]; total: number }> {
  const db = getPrisma();
  const where = { status: { not: "MERGED" as const } };
  const [total, rows] = await Promise.all([
    db.customer.count({ where }),
    db.customer.findMany({
      where,
      orderBy: { id: "asc" },
      skip: (page - 1) * CUSTOMERS_PAGE_SIZE,
      take: CUSTOMERS_PAGE_SIZE,
      select: CUSTOMER_SUMMARY,
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id.toString(),
      name: r.name,
      phone: r.phone,
      sido: r.sido,
      sigungu: r.sigungu,
      status: r.status,
      joinedOn: r.joinedOn,
      divisions: [...new Set(r.sourceLinks.map((l) => l.sourceCode))].sort(),
    })),
  };
}
