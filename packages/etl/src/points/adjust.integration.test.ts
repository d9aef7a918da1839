import { createPrismaClient } from "@dangol/db/client";
import { createCustomer } from "@dangol/db/seed";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { adjustPoints, PointsAdjustmentError } from "./adjust.ts";
import { lockPointsLedger, seoulToday } from "./expire.ts";

const database = await createTestDatabase("dangol_points_adjust");
const pool = new pg.Pool({ connectionString: database.url, max: 3 });
const prisma = createPrismaClient(database.url);
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await database.drop();
});

const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
const actor = {
  id: "00000000-0000-0000-0000-000000000000",
  email: "crm@dangol.local",
  role: "CRM_MANAGER",
  storeId: null,
};

async function adjust(customerId: bigint, points: number, reason: string) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await adjustPoints(client, { customerId: String(customerId), points, reason, actor });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

it("credits as a lot, deducts from the oldest usable lots, audits, never below zero", async () => {
  await q(
    `INSERT INTO app_user (id, email, name, role, password_hash, updated_at)
     VALUES ('00000000-0000-0000-0000-000000000000', 'crm@dangol.local', 'CRM', 'CRM_MANAGER', 'x', now())`,
  );
  const customer = await createCustomer(prisma, { link: false });
  const old = await q(
    `INSERT INTO point_entry (customer_id, kind, points, occurred_on, expires_on, reason)
     VALUES ($1, 'EARN', 300, '2025-01-10', '2099-01-31', 'earned') RETURNING id::text`,
    [customer.id],
  );
  const credit = await adjust(customer.id, 500, "배송 지연 보상");
  expect(credit.balance).toBe(800);
  const [entry] = await q(
    `SELECT kind::text, points, reason, created_by, occurred_on::text, expires_on FROM point_entry WHERE id = $1`,
    [credit.entryId],
  );
  expect(entry).toEqual({
    kind: "ADJUST",
    points: 500,
    reason: "배송 지연 보상",
    created_by: "crm@dangol.local",
    occurred_on: seoulToday(),
    expires_on: null,
  });

  const debit = await adjust(customer.id, -400, "중복 적립 정정");
  expect(debit.balance).toBe(400);
  expect(
    await q(
      `SELECT earn_entry_id::text AS lot, points FROM point_allocation WHERE debit_entry_id = $1 ORDER BY points DESC`,
      [debit.entryId],
    ),
  ).toEqual([
    { lot: old[0].id, points: 300 },
    { lot: credit.entryId, points: 100 },
  ]);

  await expect(adjust(customer.id, -401, "중복 적립 정정")).rejects.toMatchObject({ code: "below_zero" });
  await expect(adjust(customer.id, 10, "짧음")).rejects.toBeInstanceOf(PointsAdjustmentError);
  expect(
    await q(
      `SELECT details->>'points' AS points FROM audit_log WHERE action = 'points.adjust' AND target_id = $1 ORDER BY id`,
      [String(customer.id)],
    ),
  ).toEqual([{ points: "500" }, { points: "-400" }]);
});

it("gives up after a few seconds while a load holds the ledger lock", async () => {
  const customer = await createCustomer(prisma, { link: false });
  const holder = await pool.connect();
  try {
    await holder.query("BEGIN");
    await lockPointsLedger(holder);
    await expect(adjust(customer.id, 100, "배송 지연 보상")).rejects.toMatchObject({ code: "busy" });
  } finally {
    await holder.query("ROLLBACK");
    holder.release();
  }
  expect(await q(`SELECT count(*)::int AS n FROM point_entry WHERE customer_id = $1`, [customer.id])).toEqual([
    { n: 0 },
  ]);
}, 20_000);
