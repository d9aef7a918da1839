import { runAnalyticsRefresh } from "@dangol/analytics";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt, seed } from "@dangol/db/seed";
import type { SegmentGroup, SegmentNode } from "@dangol/domain";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countSegment,
  deleteSegment,
  explainSegment,
  exportSegmentCsv,
  listSegments,
  overlapSegments,
  SEGMENT_SESSION_OPTIONS,
  SegmentForbiddenError,
  SegmentInputError,
  type SegmentUser,
  saveSegment,
  seedReadyMadeSegments,
  segmentsOfCustomer,
  snapshotAllSegments,
  snapshotHistory,
  takeManualSnapshot,
  updateSegment,
  withSegmentSettings,
} from "./index.ts";

const databaseUrl = process.env.DATABASE_URL ?? "";
const prisma = createPrismaClient(databaseUrl);
const sql = new pg.Client({ connectionString: databaseUrl });
const asOf = "2026-05-31";
// a 365-day window ending asOf, as business days (independent of the compiler's sold_at bounds)
const yearFrom = "2025-06-01";

const and = (...children: SegmentNode[]): SegmentGroup => ({ kind: "group", op: "and", negate: false, children });
const or = (...children: SegmentNode[]): SegmentGroup => ({ kind: "group", op: "or", negate: false, children });
const not = (...children: SegmentNode[]): SegmentGroup => ({ kind: "group", op: "and", negate: true, children });

let admin: SegmentUser;
let crm: SegmentUser;
let analyst: SegmentUser;
let staff: SegmentUser;

const userOf = async (email: string): Promise<SegmentUser> => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email: u.email, role: u.role };
};
const handCount = async (where: string, values: unknown[] = []) =>
  Number(
    (await sql.query(`SELECT count(*)::int AS n FROM customer c WHERE c.status = 'ACTIVE' AND ${where}`, values))
      .rows[0].n,
  );

/**
 * The demo's 200 customers happen to hold no GOLD/VIP member who shops MART + SM only, so two are
 * planted after the refresh (which would re-evaluate their tiers): one who fits the issue's
 * example, and one who also bought at the department store in the window.
 */
async function plantIssueExample(): Promise<void> {
  const [mart, sm, dpt] = await Promise.all(
    (["MART", "SM", "DPT"] as const).map((sourceCode) =>
      createDemoStore(prisma, { sourceCode, code: `SEG-${sourceCode}` }),
    ),
  );
  for (const [name, stores] of [
    ["예시고객", [mart, sm]],
    ["백화점도감", [mart, sm, dpt]],
  ] as const) {
    const customer = await createCustomer(prisma, { name, consents: { SMS: true } });
    await prisma.customerTierHistory.create({
      data: { customerId: customer.id, tierCode: "GOLD", effectiveFrom: new Date("2026-01-01") },
    });
    for (const [i, store] of stores.entries())
      await createReceipt(prisma, {
        storeId: store?.id ?? 0,
        customerId: customer.id,
        soldAt: new Date(`2026-0${3 + i}-10T03:00:00Z`),
        lines: [{ quantity: 1, unitPrice: 50_000, categoryCode: null }],
      });
  }
}

beforeAll(async () => {
  await sql.connect();
  await seed(prisma, { demo: { asOf: new Date("2026-06-01T00:00:00Z") } });
  await runAnalyticsRefresh({ databaseUrl, asOf, trigger: "test" });
  await plantIssueExample();
  admin = await userOf("admin@dangol.local");
  crm = await userOf("crm@dangol.local");
  analyst = await userOf("analyst@dangol.local");
  staff = await userOf("store@dangol.local");
}, 180_000);

afterAll(async () => {
  await sql.end();
  await prisma.$disconnect();
});

describe("the live count equals a hand-written SQL count", () => {
  it("for the issue's example: GOLD or VIP, mart + supermarket only, no department store in 12 months, SMS consent", async () => {
    const definition = and(
      or({ kind: "rule", field: "tier", tiers: ["GOLD"] }, { kind: "rule", field: "tier", tiers: ["VIP"] }),
      { kind: "rule", field: "formats_used", formats: ["MART", "SM"], mode: "only", withinDays: 365 },
      not({ kind: "rule", field: "formats_used", formats: ["DPT"], mode: "any", withinDays: 365 }),
      { kind: "rule", field: "consent", channel: "SMS", granted: true },
    );
    const expected = await handCount(
      `EXISTS (SELECT 1 FROM customer_tier_history h WHERE h.customer_id = c.id AND h.effective_to IS NULL AND h.tier_code IN ('GOLD', 'VIP'))
       AND (SELECT array_agg(DISTINCT r.source_code ORDER BY r.source_code) FROM receipt r
             WHERE r.customer_id = c.id AND r.type = 'SALE' AND r.business_date BETWEEN $1 AND $2) = ARRAY['MART', 'SM']::varchar[]
       AND NOT EXISTS (SELECT 1 FROM receipt r WHERE r.customer_id = c.id AND r.type = 'SALE' AND r.source_code = 'DPT'
                        AND r.business_date BETWEEN $1 AND $2)
       AND EXISTS (SELECT 1 FROM customer_consent k WHERE k.customer_id = c.id AND k.channel = 'SMS' AND k.granted)`,
      [yearFrom, asOf],
    );
    // and the same without the format rules, so the tier/consent part is seen to be non-trivial
    const tierAndSms = await handCount(
      `EXISTS (SELECT 1 FROM customer_tier_history h WHERE h.customer_id = c.id AND h.effective_to IS NULL AND h.tier_code IN ('GOLD', 'VIP'))
       AND EXISTS (SELECT 1 FROM customer_consent k WHERE k.customer_id = c.id AND k.channel = 'SMS' AND k.granted)`,
    );
    expect(tierAndSms).toBeGreaterThan(0);
    expect(expected).toBeGreaterThan(0);
    expect((await countSegment(sql, definition, { asOf })).size).toBe(expected);
    const partial = and(
      or({ kind: "rule", field: "tier", tiers: ["GOLD"] }, { kind: "rule", field: "tier", tiers: ["VIP"] }),
      { kind: "rule", field: "consent", channel: "SMS", granted: true },
    );
    expect((await countSegment(prisma, partial, { asOf })).size).toBe(tierAndSms);
  });

  it("for spend at most ₩100,000 in 90 days, which includes customers who bought nothing", async () => {
    const expected = await handCount(
      `COALESCE((SELECT sum(r.net_amount) FROM receipt r WHERE r.customer_id = c.id AND r.business_date BETWEEN '2026-03-03' AND $1), 0) <= 100000`,
      [asOf],
    );
    const count = await countSegment(
      sql,
      and({ kind: "rule", field: "spend", withinDays: 90, op: "lte", amount: 100_000 }),
      {
        asOf,
      },
    );
    expect(count.size).toBe(expected);
    expect(count.size).toBeGreaterThan(0);
    expect(count.baseSize).toBe(await handCount("TRUE"));
  });

  it("for a profile mix with NOT: (30s or 40s) or women, not in Seoul", async () => {
    const expected = await handCount(
      `(date_part('year', age($1::date, c.birth_date)) BETWEEN 30 AND 49 OR c.gender = 'FEMALE')
       AND c.sido IS DISTINCT FROM '서울특별시'`,
      [asOf],
    );
    const definition = and(
      or(
        { kind: "rule", field: "age_band", bands: ["30s", "40s"] },
        { kind: "rule", field: "gender", genders: ["FEMALE"] },
      ),
      not({ kind: "rule", field: "region", sido: ["서울특별시"] }),
    );
    const count = await countSegment(sql, definition, { asOf });
    expect(count.size).toBe(expected);
    expect(count.size).toBeGreaterThan(0);
  });

  it("for categories at any level, visits, points and the analytics figures", async () => {
    const cases: [SegmentGroup, string, unknown[]][] = [
      [
        and(
          { kind: "rule", field: "category_bought", category: "10", withinDays: 180 },
          { kind: "rule", field: "category_not_bought", category: "1030", withinDays: 180 },
        ),
        `EXISTS (SELECT 1 FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id JOIN category k3 ON k3.code = l.category_code
                  JOIN category k2 ON k2.code = k3.parent_code
                 WHERE r.customer_id = c.id AND r.type = 'SALE' AND r.business_date BETWEEN '2025-12-03' AND $1 AND k2.parent_code = '10')
         AND NOT EXISTS (SELECT 1 FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id JOIN category k3 ON k3.code = l.category_code
                 WHERE r.customer_id = c.id AND r.type = 'SALE' AND r.business_date BETWEEN '2025-12-03' AND $1 AND k3.parent_code = '1030')`,
        [asOf],
      ],
      [
        and({ kind: "rule", field: "visits", withinDays: 365, op: "gte", count: 5 }),
        `(SELECT count(DISTINCT r.business_date) FROM receipt r WHERE r.customer_id = c.id AND r.type = 'SALE'
           AND r.business_date BETWEEN $1 AND $2) >= 5`,
        [yearFrom, asOf],
      ],
      [
        and({ kind: "rule", field: "points_balance", op: "gte", amount: 1_000 }),
        "(SELECT COALESCE(sum(points), 0) FROM point_entry p WHERE p.customer_id = c.id) >= 1000",
        [],
      ],
      [
        and(
          { kind: "rule", field: "lifecycle", stages: ["active", "new"] },
          { kind: "rule", field: "rfm_score", r: { min: 4, max: 5 } },
        ),
        "EXISTS (SELECT 1 FROM customer_metrics m WHERE m.customer_id = c.id AND m.lifecycle_stage IN ('active', 'new') AND m.r_score >= 4)",
        [],
      ],
      [
        and({ kind: "rule", field: "consent", channel: "EMAIL", granted: false }),
        "NOT EXISTS (SELECT 1 FROM customer_consent k WHERE k.customer_id = c.id AND k.channel = 'EMAIL' AND k.granted)",
        [],
      ],
    ];
    for (const [definition, where, values] of cases) {
      const expected = await handCount(where, values);
      expect(expected, where).toBeGreaterThan(0);
      expect((await countSegment(sql, definition, { asOf })).size, where).toBe(expected);
    }
  });

  it("runs compiled SQL under the count's settings, on the pool and through Prisma", async () => {
    const settings = "SELECT current_setting('work_mem') AS work_mem, current_setting('jit') AS jit";
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: SEGMENT_SESSION_OPTIONS });
    try {
      expect((await pool.query(settings)).rows).toEqual([{ work_mem: "128MB", jit: "off" }]);
    } finally {
      await pool.end();
    }
    expect(await withSegmentSettings(prisma, (tx) => tx.$queryRawUnsafe(settings))).toEqual([
      { work_mem: "128MB", jit: "off" },
    ]);
  });

  it("reads the purchase facts the refresh built, and a category sale loaded after them at once", async () => {
    const built = await sql.query("SELECT receipt_watermark FROM segment_facts.build");
    expect(built.rowCount, "the refresh builds segment_facts").toBe(1);
    // the counts above read the facts: the preset windows ending on the refresh's day, categories
    const spend = and({ kind: "rule", field: "spend", withinDays: 90, op: "lte", amount: 100_000 });
    expect((await explainSegment(sql, spend, { asOf })).sql).toContain("segment_facts.customer_window");
    const definition = and({ kind: "rule", field: "category_bought", category: "10", withinDays: 30 });
    const before = (await countSegment(sql, definition, { asOf })).size;
    const { rows } = await sql.query<{ code: string }>(
      `SELECT k3.code FROM category k3 JOIN category k2 ON k2.code = k3.parent_code WHERE k2.parent_code = '10' LIMIT 1`,
    );
    const store = await createDemoStore(prisma, { sourceCode: "MART", code: "SEG-LATE" });
    const customer = await createCustomer(prisma, { name: "늦은구매" });
    await createReceipt(prisma, {
      storeId: store.id,
      customerId: customer.id,
      soldAt: new Date(`${asOf}T03:00:00Z`),
      lines: [{ quantity: 1, unitPrice: 9_000, categoryCode: rows[0]?.code ?? null }],
    });
    expect((await countSegment(sql, definition, { asOf })).size).toBe(before + 1);
  });
});

describe("saved segments", () => {
  it("saves, references another segment, refuses a cycle and a delete while used", async () => {
    const dormant = await saveSegment(prisma, crm, {
      name: "휴면",
      definition: and({ kind: "rule", field: "lifecycle", stages: ["dormant", "at_risk"] }),
      themes: ["win_back"],
    });
    const withSms = await saveSegment(prisma, crm, {
      name: "휴면 + SMS",
      definition: and(
        { kind: "rule", field: "in_segment", segmentId: dormant.id },
        { kind: "rule", field: "consent", channel: "SMS", granted: true },
      ),
    });
    const expected = await handCount(
      `EXISTS (SELECT 1 FROM customer_metrics m WHERE m.customer_id = c.id AND m.lifecycle_stage IN ('dormant', 'at_risk'))
       AND EXISTS (SELECT 1 FROM customer_consent k WHERE k.customer_id = c.id AND k.channel = 'SMS' AND k.granted)`,
    );
    expect((await countSegment(sql, withSms.definition, { asOf })).size).toBe(expected);
    await expect(
      updateSegment(prisma, crm, dormant.id, {
        definition: and({ kind: "rule", field: "in_segment", segmentId: withSms.id }),
      }),
    ).rejects.toThrow(/refers to itself/);
    await expect(deleteSegment(prisma, crm, dormant.id)).rejects.toThrow(/used by "휴면 \+ SMS"/);
    await expect(
      saveSegment(prisma, crm, { name: "x", definition: and({ kind: "rule", field: "spend" } as never) }),
    ).rejects.toThrow(SegmentInputError);
    const audit = await prisma.auditLog.count({
      where: { targetType: "segment", targetId: dormant.id, action: "segment.create" },
    });
    expect(audit).toBe(1);
  });

  it("lets only the owner or an admin change a segment, and refuses store staff and analysts", async () => {
    const mine = await saveSegment(prisma, crm, { name: "내 세그먼트", definition: and() });
    await expect(
      updateSegment(prisma, { ...crm, id: admin.id, role: "CRM_MANAGER" }, mine.id, { name: "남의 것" }),
    ).rejects.toThrow(SegmentForbiddenError);
    expect((await updateSegment(prisma, admin, mine.id, { name: "관리자가 고침", expectedVersion: 1 })).version).toBe(
      2,
    );
    await expect(updateSegment(prisma, crm, mine.id, { name: "옛 버전", expectedVersion: 1 })).rejects.toThrow(
      /reload/,
    );
    await expect(listSegments(prisma, staff)).rejects.toThrow(SegmentForbiddenError);
    await expect(listSegments(prisma, analyst)).rejects.toThrow(SegmentForbiddenError);
    await deleteSegment(prisma, crm, mine.id);
    expect((await listSegments(prisma, crm)).some((s) => s.id === mine.id)).toBe(false);
  });

  it("seeds one ready-made segment per theme once, and each of them counts", async () => {
    expect(await seedReadyMadeSegments(prisma)).toBe(0); // the seed in beforeAll wrote them
    const builtIn = (await listSegments(prisma, crm)).filter((s) => s.builtIn);
    expect(builtIn.map((s) => s.themes[0]).sort()).toEqual([
      "cross_format",
      "cross_sell",
      "distant_purchase",
      "purchase_cycle",
      "tier_down_prevention",
      "tier_up",
      "vip_retention",
      "win_back",
    ]);
    expect(builtIn.every((s) => !s.canEdit)).toBe(true);
    for (const s of builtIn) expect((await countSegment(sql, s.definition, { asOf })).baseSize).toBeGreaterThan(0);
  });
});

describe("snapshots, overlap and export", () => {
  it("writes members set-based and takes one scheduled snapshot per segment per day", async () => {
    const segment = await saveSegment(prisma, crm, {
      name: "SMS 동의",
      definition: and({ kind: "rule", field: "consent", channel: "SMS", granted: true }),
    });
    const manual = await takeManualSnapshot(prisma, crm, segment.id);
    const expected = await handCount(
      "EXISTS (SELECT 1 FROM customer_consent k WHERE k.customer_id = c.id AND k.channel = 'SMS' AND k.granted)",
    );
    expect(manual.size).toBe(expected);
    expect(await prisma.segmentSnapshotMember.count({ where: { snapshotId: BigInt(manual.id) } })).toBe(expected);
    const now = new Date();
    const first = await snapshotAllSegments(prisma, { now, asOf });
    const second = await snapshotAllSegments(prisma, { now, asOf });
    expect(first.taken).toBeGreaterThan(0);
    expect(second).toEqual({ taken: 0, skipped: first.taken + first.skipped, failed: 0 });
    const history = await snapshotHistory(prisma, crm, segment.id);
    expect(history.map((h) => h.reason)).toEqual(["manual", "schedule"]);

    // the customer view lists the segments whose latest snapshot holds the customer
    const [member] = await prisma.segmentSnapshotMember.findMany({
      where: { snapshotId: BigInt(history.at(-1)?.id ?? 0) },
      take: 1,
    });
    expect(member).toBeDefined();
    const listed = await segmentsOfCustomer(prisma, crm, member?.customerId ?? 0n);
    expect(listed.map((l) => l.segmentId)).toContain(segment.id);
    const outsider = await prisma.customer.findFirstOrThrow({
      where: { status: "ACTIVE", consents: { none: { channel: "SMS", granted: true } } },
    });
    expect((await segmentsOfCustomer(prisma, crm, outsider.id)).map((l) => l.segmentId)).not.toContain(segment.id);
    await expect(segmentsOfCustomer(prisma, staff, outsider.id)).rejects.toThrow(SegmentForbiddenError);
  });

  it("counts every Venn region of three segments in one query", async () => {
    const make = (name: string, rule: SegmentNode) => saveSegment(prisma, crm, { name, definition: and(rule) });
    const a = await make("A", { kind: "rule", field: "consent", channel: "SMS", granted: true });
    const b = await make("B", { kind: "rule", field: "gender", genders: ["FEMALE"] });
    const c = await make("C", { kind: "rule", field: "formats_used", formats: ["MART"], mode: "any", withinDays: 365 });
    const overlap = await overlapSegments(prisma, crm, [a.id, b.id, c.id], { asOf, db: sql });
    expect(overlap.regions).toHaveLength(7);
    const aAndB = await handCount(
      `EXISTS (SELECT 1 FROM customer_consent k WHERE k.customer_id = c.id AND k.channel = 'SMS' AND k.granted) AND c.gender = 'FEMALE'`,
    );
    const sum = (pred: (ids: string[]) => boolean) =>
      overlap.regions.filter((r) => pred(r.in)).reduce((n, r) => n + r.size, 0);
    expect(sum((ids) => ids.includes(a.id) && ids.includes(b.id))).toBe(aAndB);
    expect(sum((ids) => ids.includes(a.id))).toBe(overlap.segments[0]?.size);
    expect(sum(() => true)).toBe(overlap.union);
    await expect(overlapSegments(prisma, crm, [a.id], { asOf })).rejects.toThrow(/two or three/);
  });

  it("exports CSV with personal columns for CRM managers, without for analysts, never for store staff", async () => {
    const segment = await saveSegment(prisma, crm, {
      name: "서울 고객",
      definition: and({ kind: "rule", field: "region", sido: ["서울특별시"] }),
    });
    const full = await exportSegmentCsv(prisma, crm, segment.id, { asOf });
    expect(
      full.csv.startsWith(
        "\uFEFFcustomer_id,tier,lifecycle,formats,rfm_segment,spend_12m,visits_12m,name,phone,email\r\n",
      ),
    ).toBe(true);
    expect(full.rows).toBe(await handCount("c.sido = '서울특별시'"));
    expect(full.fileName).toMatch(/^서울_고객-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(exportSegmentCsv(prisma, staff, segment.id)).rejects.toThrow(SegmentForbiddenError);
    // analysts may not reach segments at all (area), which is stricter than the PII rule
    await expect(exportSegmentCsv(prisma, analyst, segment.id)).rejects.toThrow(SegmentForbiddenError);
    const audit = await prisma.auditLog.findFirst({ where: { action: "segment.export", targetId: segment.id } });
    expect(audit?.details).toEqual({ rows: full.rows, pii: true });
  });
});
