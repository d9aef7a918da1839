import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, createDemoStore, createReceipt } from "@dangol/db/seed";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPoints } from "../load/points.ts";
import { pointsBalanceOfMember } from "./balance.ts";
import { runPointsExpiry } from "./expire.ts";

// The expiry is global (every due lot in the warehouse), so this file gets a database of its own.
const database = await createTestDatabase("dangol_points");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
const prisma = createPrismaClient(database.url);

afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await database.drop();
});

const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await pool.query(sql, params)).rows as T[];

let batchNo = 0;
/** Receipts as one ETL sales batch, then the load stage's points step, as load-batch.ts runs it. */
async function loadReceipts(
  storeId: number,
  receipts: { customerId: bigint; soldAt: string; pointsEarned?: number; pointsUsed?: number }[],
) {
  batchNo += 1;
  const [batch] = await q<{ id: string }>(
    `INSERT INTO etl_batch (source_code, feed_kind, file_name, file_checksum, size_bytes, status)
     VALUES ('SM', 'sales', $1, repeat('0', 64), 1, 'LOADED') RETURNING id::text`,
    [`points-test-${batchNo}.jsonl`],
  );
  for (const r of receipts) {
    const receipt = await createReceipt(prisma, {
      storeId,
      customerId: r.customerId,
      soldAt: new Date(r.soldAt),
      pointsEarned: r.pointsEarned,
      pointsUsed: r.pointsUsed,
    });
    await q("UPDATE receipt SET batch_id = $2 WHERE id = $1", [receipt.id, batch!.id]);
  }
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await loadPoints(client, batch!.id);
    await client.query("COMMIT");
    return result;
  } finally {
    client.release();
  }
}

const balance = async (customerId: bigint) =>
  Number(
    (
      await q<{ b: string }>("SELECT COALESCE(sum(points), 0)::text AS b FROM point_entry WHERE customer_id = $1", [
        customerId,
      ])
    )[0]!.b,
  );

/** points − everything allocated to it, per lot of the customer. */
const lotRemainders = async (customerId: bigint) =>
  q<{ occurred_on: string; expires_on: string; points: number; remainder: number }>(
    `SELECT l.occurred_on::text, l.expires_on::text, l.points,
            l.points - COALESCE((SELECT sum(a.points) FROM point_allocation a WHERE a.earn_entry_id = l.id), 0)::int AS remainder
       FROM point_entry l WHERE l.customer_id = $1 AND l.points > 0 ORDER BY l.occurred_on`,
    [customerId],
  );

const expiries = async (customerId: bigint) =>
  q<{ points: number; occurred_on: string; created_by: string; allocated: number }>(
    `SELECT e.points, e.occurred_on::text, e.created_by,
            (SELECT sum(a.points) FROM point_allocation a WHERE a.debit_entry_id = e.id)::int AS allocated
       FROM point_entry e WHERE e.customer_id = $1 AND e.kind = 'EXPIRE' ORDER BY e.id`,
    [customerId],
  );

describe("points expiry (points.expire)", () => {
  let storeId: number;
  beforeAll(async () => {
    storeId = (await createDemoStore(prisma, { sourceCode: "SM" })).id;
  });

  it("expires exactly the unused remainder of a passed earn, once, and leaves its balance at zero", async () => {
    const customer = await createCustomer(prisma, { link: false });
    // Earned 2024-01-15 (Seoul) → usable through 2026-01-31; 300 burnt in March; a later earn stays.
    await loadReceipts(storeId, [{ customerId: customer.id, soldAt: "2024-01-15T03:00:00Z", pointsEarned: 1_000 }]);
    await loadReceipts(storeId, [
      { customerId: customer.id, soldAt: "2024-03-01T03:00:00Z", pointsUsed: 300 },
      { customerId: customer.id, soldAt: "2024-06-10T03:00:00Z", pointsEarned: 40 },
    ]);
    expect(await balance(customer.id)).toBe(740);

    // On the last usable day nothing has expired yet.
    expect((await runPointsExpiry(pool, { asOf: "2026-01-31" })).entries).toBe(0);

    const first = await runPointsExpiry(pool, { asOf: "2026-02-01" });
    expect(first).toMatchObject({ asOf: "2026-02-01", entries: 1, points: 700 });
    expect(await expiries(customer.id)).toEqual([
      { points: -700, occurred_on: "2026-02-01", created_by: "job:expire-points", allocated: 700 },
    ]);
    const lots = await lotRemainders(customer.id);
    expect(lots.map((l) => [l.occurred_on, l.expires_on, l.remainder])).toEqual([
      ["2024-01-15", "2026-01-31", 0],
      ["2024-06-10", "2026-06-30", 40],
    ]);
    // One ledger: the balance any division's lookup reads is the unexpired 40.
    expect(await balance(customer.id)).toBe(40);

    // Running again for the same day, or a later one before the next lot lapses, writes nothing.
    expect((await runPointsExpiry(pool, { asOf: "2026-02-01" })).entries).toBe(0);
    expect((await runPointsExpiry(pool, { asOf: "2026-05-01" })).entries).toBe(0);
    expect(await expiries(customer.id)).toHaveLength(1);

    // The second lot lapses on its own day.
    expect(await runPointsExpiry(pool, { asOf: "2026-07-01" })).toMatchObject({ entries: 1, points: 40 });
    expect(await balance(customer.id)).toBe(0);
  });

  it("an earn used up before it lapses gets no expiry entry", async () => {
    const customer = await createCustomer(prisma, { link: false });
    await loadReceipts(storeId, [{ customerId: customer.id, soldAt: "2024-02-03T03:00:00Z", pointsEarned: 500 }]);
    await loadReceipts(storeId, [{ customerId: customer.id, soldAt: "2024-04-03T03:00:00Z", pointsUsed: 500 }]);
    await runPointsExpiry(pool, { asOf: "2026-04-01" });
    expect(await expiries(customer.id)).toEqual([]);
    expect(await balance(customer.id)).toBe(0);
  });

  it("a burn dated before the expiry that arrives after it shrinks the expiry (the balance stays right)", async () => {
    const customer = await createCustomer(prisma, { link: false });
    // Earned 2024-05-20 → usable through 2026-05-31.
    await loadReceipts(storeId, [{ customerId: customer.id, soldAt: "2024-05-20T03:00:00Z", pointsEarned: 800 }]);
    await runPointsExpiry(pool, { asOf: "2026-06-01" });
    expect((await expiries(customer.id)).map((e) => e.points)).toEqual([-800]);
    expect(await balance(customer.id)).toBe(0);

    // The last day's sales file lands after the 00:10 run: 250 used on 2026-05-31 (Seoul).
    const late = await loadReceipts(storeId, [
      { customerId: customer.id, soldAt: "2026-05-31T05:00:00Z", pointsUsed: 250 },
    ]);
    expect(late.expiriesChanged).toBe(1);
    expect((await expiries(customer.id)).map((e) => [e.points, e.allocated])).toEqual([[-550, 550]]);
    expect(await balance(customer.id)).toBe(0);
    expect((await lotRemainders(customer.id)).map((l) => l.remainder)).toEqual([0]);

    // A burn of everything that was left: the expiry entry goes, the next run does not bring it back.
    await loadReceipts(storeId, [{ customerId: customer.id, soldAt: "2026-05-30T05:00:00Z", pointsUsed: 550 }]);
    expect(await expiries(customer.id)).toEqual([]);
    expect((await runPointsExpiry(pool, { asOf: "2026-06-02" })).entries).toBe(0);
    expect(await balance(customer.id)).toBe(0);
  });

  it("a return that gives used points back loads them as a credit that never lapses", async () => {
    const customer = await createCustomer(prisma, { link: false });
    await loadReceipts(storeId, [
      { customerId: customer.id, soldAt: "2024-01-05T03:00:00Z", pointsEarned: 1000 },
      { customerId: customer.id, soldAt: "2024-01-10T03:00:00Z", pointsUsed: 400 },
      { customerId: customer.id, soldAt: "2024-01-12T03:00:00Z", pointsUsed: -400 },
    ]);
    const credits = await q<{ points: number; expires_on: string | null }>(
      "SELECT points, expires_on::text FROM point_entry WHERE customer_id = $1 AND kind = 'ADJUST'",
      [customer.id],
    );
    expect(credits).toEqual([{ points: 400, expires_on: null }]);
    // The earn lapses; the returned points stay.
    await runPointsExpiry(pool, { asOf: "2026-03-01" });
    expect(await balance(customer.id)).toBe(400);
  });

  it("a customer's balance is the same whichever division asks, expired points excluded", async () => {
    const customer = await createCustomer(prisma, { link: { sourceCode: "DPT", memberNo: `D${Date.now() % 1e9}` } });
    const dpt = customer.sourceLinks[0]!;
    const mart = await prisma.customerSourceLink.create({
      data: { sourceCode: "MART", memberNo: String(Date.now()).slice(-10), customerId: customer.id },
    });
    // Earned in two divisions; the older earn lapses.
    await loadReceipts(storeId, [
      { customerId: customer.id, soldAt: "2024-01-05T03:00:00Z", pointsEarned: 300 },
      { customerId: customer.id, soldAt: "2025-01-05T03:00:00Z", pointsEarned: 120 },
    ]);
    await runPointsExpiry(pool, { asOf: "2026-02-01" });
    const viaDpt = await pointsBalanceOfMember(pool, "DPT", dpt.memberNo);
    const viaMart = await pointsBalanceOfMember(pool, "MART", mart.memberNo);
    expect(viaDpt).toEqual({ customerId: String(customer.id), balance: 120 });
    expect(viaMart).toEqual(viaDpt);
    expect(await pointsBalanceOfMember(pool, "SM", "no-such-member")).toBeNull();
  });
});
