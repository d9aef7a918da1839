import { getPrisma } from "@dangol/db/client";
import { latestModelFits } from "@/modules/analytics/queries";

export const RECEIPTS_PAGE_SIZE = 10;
export const LEDGER_PAGE_SIZE = 20;
const TIER_HISTORY_ROWS = 24;
const MERGE_ROWS = 20;

/** One customer, unmasked, with the metrics the last refresh published, or null when the id is unknown. */
export async function loadCustomerDetail(id: bigint) {
  const db = getPrisma();
  const customer = await db.customer.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      phone: true,
      email: true,
      birthDate: true,
      gender: true,
      zip: true,
      addressText: true,
      sido: true,
      sigungu: true,
      status: true,
      joinedOn: true,
      mergedIntoId: true,
      erasedAt: true,
    },
  });
  if (!customer) return null;
  const [metrics, tierVersion, held, fits] = await Promise.all([
    db.customerMetrics.findUnique({ where: { customerId: id } }),
    db.analyticsConfig.findFirst({
      where: { kind: "tiers" },
      orderBy: { version: "desc" },
      select: { version: true, createdAt: true },
    }),
    db.customerTierHistory.findFirst({
      where: { customerId: id, effectiveTo: null },
      orderBy: { effectiveFrom: "desc" },
      select: { tierCode: true, effectiveFrom: true },
    }),
    latestModelFits(),
  ]);
  return { customer, metrics, tierVersion, held, fits };
}

/** Every member record behind the golden one (a person has a handful), withdrawn ones included. */
export async function loadMemberRecords(id: bigint) {
  return getPrisma().customerSourceLink.findMany({
    where: { customerId: id },
    orderBy: [{ sourceCode: "asc" }, { id: "asc" }],
    take: 50,
    select: {
      id: true,
      sourceCode: true,
      memberNo: true,
      cardNo: true,
      name: true,
      phone: true,
      email: true,
      zip: true,
      addressText: true,
      joinedOn: true,
      inferred: true,
      sourceChangedAt: true,
      withdrawnAt: true,
      source: { select: { name: true } },
      joinedStore: { select: { name: true } },
    },
  });
}

export type MergeRow = {
  id: bigint;
  survivorId: bigint;
  mergedId: bigint;
  reason: string;
  score: number | null;
  mergedAt: Date;
  mergedBy: string;
  unmergedAt: Date | null;
  unmergedBy: string | null;
  /** false when a withdrawal erased the snapshot, or it predates reversible snapshots */
  reversible: boolean;
};

/** Merges this customer took part in, newest first (the snapshot itself stays in the database). */
export async function loadMergeHistory(id: bigint): Promise<MergeRow[]> {
  return getPrisma().$queryRaw<MergeRow[]>`
    SELECT id, survivor_id AS "survivorId", merged_id AS "mergedId", reason, score, merged_at AS "mergedAt",
           merged_by AS "mergedBy", unmerged_at AS "unmergedAt", unmerged_by AS "unmergedBy",
           (NOT snapshot ? 'erased' AND COALESCE((snapshot->>'version')::int, 1) >= 2) AS reversible
      FROM customer_merge WHERE survivor_id = ${id} OR merged_id = ${id}
     ORDER BY merged_at DESC, id DESC LIMIT ${MERGE_ROWS}`;
}

/** A page of receipts, newest first, with their lines (a receipt has a few dozen at most). */
export async function loadReceipts(id: bigint, page: number) {
  const rows = await getPrisma().receipt.findMany({
    where: { customerId: id },
    orderBy: [{ soldAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * RECEIPTS_PAGE_SIZE,
    take: RECEIPTS_PAGE_SIZE + 1,
    select: {
      id: true,
      sourceCode: true,
      sourceReceiptKey: true,
      soldAt: true,
      type: true,
      netAmount: true,
      discountAmount: true,
      pointsEarned: true,
      pointsUsed: true,
      store: { select: { name: true } },
      lines: {
        orderBy: { lineNo: "asc" },
        select: {
          lineNo: true,
          sourceProductCode: true,
          quantity: true,
          unitPrice: true,
          discount: true,
          amount: true,
          product: { select: { name: true } },
          category: { select: { nameKo: true, nameEn: true } },
        },
      },
    },
  });
  return { receipts: rows.slice(0, RECEIPTS_PAGE_SIZE), more: rows.length > RECEIPTS_PAGE_SIZE };
}

/** A page of the points ledger, newest first, and the balance (Σ of every entry). */
export async function loadLedger(id: bigint, page: number) {
  const db = getPrisma();
  const [entries, sum] = await Promise.all([
    db.pointEntry.findMany({
      where: { customerId: id },
      orderBy: [{ occurredOn: "desc" }, { id: "desc" }],
      skip: (page - 1) * LEDGER_PAGE_SIZE,
      take: LEDGER_PAGE_SIZE + 1,
      select: {
        id: true,
        kind: true,
        points: true,
        occurredOn: true,
        expiresOn: true,
        reason: true,
        createdBy: true,
        originSourceCode: true,
      },
    }),
    db.pointEntry.aggregate({ where: { customerId: id }, _sum: { points: true } }),
  ]);
  return {
    entries: entries.slice(0, LEDGER_PAGE_SIZE),
    more: entries.length > LEDGER_PAGE_SIZE,
    balance: sum._sum.points ?? 0,
  };
}

export async function loadTierHistory(id: bigint) {
  return getPrisma().customerTierHistory.findMany({
    where: { customerId: id },
    orderBy: { effectiveFrom: "desc" },
    take: TIER_HISTORY_ROWS,
    select: {
      id: true,
      tierCode: true,
      effectiveFrom: true,
      effectiveTo: true,
      spend: true,
      visits: true,
      reason: true,
    },
  });
}

/** Current consent per channel (the events are on the contact timeline). */
export async function loadConsents(id: bigint) {
  return getPrisma().customerConsent.findMany({
    where: { customerId: id },
    orderBy: { channel: "asc" },
    select: { channel: true, granted: true, changedAt: true, source: true },
  });
}
