import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdentityReviewError, resolveIdentityReview, UnmergeError, unmergeCustomers } from "./index.ts";
import { ciHash } from "./members.ts";
import { type SmMember, smMemberLine, smMemberLoader } from "./sm-member-fixtures.ts";

// Counts and compares whole tables: a database of its own.
const database = await createTestDatabase("dangol_identity");
const pool = new pg.Pool({ connectionString: database.url, max: 3 });
const dir = mkdtempSync(join(tmpdir(), "dangol-identity-"));
afterAll(async () => {
  await pool.end();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;

const CI_C = `${"C".repeat(86)}==`;
const CI_D = `${"D".repeat(86)}==`;
const CI_F = `${"F".repeat(86)}==`;

type Member = SmMember;
const smLine = smMemberLine;
const { loadDay, customerOf } = smMemberLoader(pool, dir);

const A: Member = {
  id: "S0001",
  name: "김민준",
  birth: "1990-01-01",
  phone: "01011112222",
  email: "minjun@a.com",
  address: "서울 강남구 테헤란로 1",
  zip: "06234",
};
// A namesake with A's birth date and e-mail handle but another phone and address: review band.
const B: Member = {
  id: "S0002",
  name: "김민준",
  birth: "1990-01-01",
  phone: "01033334444",
  email: "minjun@a.com",
  address: "경기 수원시 영통구 광교로 2",
  zip: "16514",
  sms: false,
};
const C: Member = {
  id: "S0003",
  name: "이서연",
  birth: "1985-05-05",
  phone: "01055556666",
  address: "부산 해운대구 우동 3",
  ci: CI_C,
};
// C's second membership (same CI): one customer with C from day one.
const C2: Member = { id: "S0009", name: "이서연", birth: "1985-05-05", phone: "01055556666", ci: CI_C };
const D: Member = { id: "S0004", name: "박지훈", birth: "1970-03-03", phone: "01077778888", ci: CI_D };
const E: Member = { id: "S0005", name: "최유나", birth: "1992-02-02", phone: "01012340000" };
const F: Member = { id: "S0006", name: "최유나", birth: "1992-02-02", phone: "01099990000", ci: CI_F };
const G: Member = { id: "S0007", name: "정하늘", birth: "1988-08-08", phone: "01020202020" };
const H: Member = { id: "S0008", name: "정하늘", birth: "1988-08-08", phone: "01030303030", email: "sky@b.com" };

/** Everything a merge moves, row for row (updated_at aside: writers must bump it). */
async function snapshotOf(ids: string[]) {
  return {
    customers: await q(
      `SELECT to_jsonb(c) - 'updated_at' AS r FROM customer c WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    ),
    links: await q(
      `SELECT to_jsonb(l) - 'updated_at' AS r FROM customer_source_link l WHERE customer_id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    ),
    receipts: await q(`SELECT id, customer_id FROM receipt WHERE customer_id = ANY($1::bigint[]) ORDER BY id`, [ids]),
    points: await q(`SELECT id, customer_id FROM point_entry WHERE customer_id = ANY($1::bigint[]) ORDER BY id`, [ids]),
    consentEvents: await q(
      `SELECT id, customer_id FROM consent_event WHERE customer_id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    ),
    consent: await q(
      `SELECT to_jsonb(c) - 'updated_at' AS r FROM customer_consent c WHERE customer_id = ANY($1::bigint[])
        ORDER BY customer_id, channel`,
      [ids],
    ),
    history: await q(
      `SELECT id, customer_id, field, new_value FROM customer_attribute_history WHERE customer_id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    ),
  };
}

/** Two receipts with points for a customer, straight into the warehouse. */
async function addSales(customerId: string, memberNo: string, key: string) {
  const [store] = await q(`SELECT id FROM store WHERE source_code = 'SM' AND code = 'T001'`);
  for (const n of [1, 2]) {
    const [r] = await q(
      `INSERT INTO receipt (source_code, source_receipt_key, store_id, customer_id, source_member_no, sold_at, business_date,
              type, net_amount, points_earned)
       VALUES ('SM', $1, $2, $3, $4, '2025-01-03 12:00+09', '2025-01-03', 'SALE', 10000, 100) RETURNING id`,
      [`${key}-${n}`, store.id, customerId, memberNo],
    );
    await q(
      `INSERT INTO point_entry (customer_id, kind, points, origin_source_code, receipt_id, occurred_on, expires_on, created_by)
       VALUES ($1, 'EARN', 100, 'SM', $2, '2025-01-03', '2027-01-31', 'test')`,
      [customerId, r.id],
    );
  }
}

beforeAll(async () => {
  // The HQ region master (a few rows): Seoul and Gyeonggi known, Busan not.
  await q(
    `INSERT INTO region (sido, sigungu, lat, lon) VALUES ('서울특별시', '강남구', 37.5, 127.04), ('경기도', '수원시 영통구', 37.26, 127.05)`,
  );
  await loadDay(
    "20250101",
    [A, B, C, D, E, F, G, H, C2].map((m) => smLine(m, "2025-01-01T10:00:00+09:00")),
  );
  await q(
    `INSERT INTO store (source_code, code, name, format, updated_at) VALUES ('SM', 'T001', '테스트점', 'SUPERMARKET', now())`,
  );
}, 120_000);

describe("identity: regions, re-matching on update, review decisions, unmerge", () => {
  it("derives 시/도 and 시/군/구 from the golden address, standardised to the master; unknown → null + finding", async () => {
    const rows = await q(
      `SELECT l.member_no, c.sido, c.sigungu FROM customer c JOIN customer_source_link l ON l.customer_id = c.id
        WHERE l.member_no IN ('S0001', 'S0002', 'S0003', 'S0004') ORDER BY l.member_no`,
    );
    expect(rows).toEqual([
      { member_no: "S0001", sido: "서울특별시", sigungu: "강남구" },
      { member_no: "S0002", sido: "경기도", sigungu: "수원시 영통구" },
      { member_no: "S0003", sido: null, sigungu: null },
      { member_no: "S0004", sido: null, sigungu: null },
    ]);
    const findings = await q(`SELECT source_key, raw_value FROM etl_finding WHERE kind = 'unknown_region'`);
    expect(findings).toEqual([{ source_key: "S0003", raw_value: "부산 해운대구 우동 3" }]);
  });

  it("holds the namesake pair for review and keeps eight customers apart on day one", async () => {
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM customer WHERE status = 'ACTIVE'`);
    expect(n).toBe(8);
    expect(await customerOf("S0009")).toBe(await customerOf("S0003"));
    const reviews = await q(`SELECT customer_id::text, candidate_customer_id::text, status FROM identity_review`);
    expect(reviews).toEqual([
      { customer_id: await customerOf("S0002"), candidate_customer_id: await customerOf("S0001"), status: "OPEN" },
    ]);
  });

  it("matches a known member again when its update brings a CI or phone of another customer", async () => {
    const [e, f, g, h, c, d] = await Promise.all(
      ["S0005", "S0006", "S0007", "S0008", "S0003", "S0004"].map(customerOf),
    );
    const [result] = await loadDay("20250102", [
      smLine({ ...E, ci: CI_F }, "2025-01-02T10:00:00+09:00"), // F's CI, consistent: merged
      smLine({ ...G, phone: H.phone }, "2025-01-02T10:00:00+09:00"), // H's mobile + name + birth: merged
      smLine({ ...C2, ci: CI_D }, "2025-01-02T10:00:00+09:00"), // D's CI on a customer holding CI_C: a conflict
    ]);
    expect(result!.stats).toMatchObject({ rematched: 3, merges: 2 });
    const merges = await q(
      `SELECT survivor_id::text, merged_id::text, reason, merged_by FROM customer_merge ORDER BY id`,
    );
    const pair = (x = "", y = ""): [string, string] => (BigInt(x) < BigInt(y) ? [x, y] : [y, x]);
    expect(merges).toEqual([
      { survivor_id: pair(e, f)[0], merged_id: pair(e, f)[1], reason: "ci", merged_by: "etl:identity" },
      { survivor_id: pair(g, h)[0], merged_id: pair(g, h)[1], reason: "deterministic", merged_by: "etl:identity" },
    ]);
    expect(await customerOf("S0005")).toBe(await customerOf("S0006"));
    expect(await customerOf("S0007")).toBe(await customerOf("S0008"));
    const [golden] = await q(`SELECT ci_hash, status::text FROM customer WHERE id = $1`, [await customerOf("S0005")]);
    expect(golden).toEqual({ ci_hash: ciHash(CI_F), status: "ACTIVE" });
    // The conflict is held and C and D stay two customers.
    expect(await customerOf("S0009")).toBe(c);
    const conflict = await q(
      `SELECT reason, status FROM identity_review WHERE customer_id = $1 AND candidate_customer_id = $2`,
      [c, d],
    );
    expect(conflict).toEqual([{ reason: "ci_conflict", status: "OPEN" }]);
    expect((await q(`SELECT ci_hash FROM customer WHERE id = $1`, [d]))[0].ci_hash).toBe(ciHash(CI_D));
  });

  it("merges a reviewed pair reversibly: unmerge gives back the exact prior state", async () => {
    const a = await customerOf("S0001");
    const b = await customerOf("S0002");
    await addSales(a, "S0001", "RA");
    await addSales(b, "S0002", "RB");
    const before = await snapshotOf([a, b]);
    const [review] = await q(
      `SELECT id::text FROM identity_review WHERE customer_id = $1 AND candidate_customer_id = $2`,
      [b, a],
    );
    const client = await pool.connect();
    try {
      const decided = await resolveIdentityReview(client, {
        reviewId: review.id,
        decision: "merge",
        actor: "crm@dangol.local",
      });
      expect(decided.status).toBe("MERGED");
      const [survivor, merged] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
      const [row] = await q(
        `SELECT survivor_id::text, merged_id::text, reason, merged_by, snapshot->>'version' AS version FROM customer_merge WHERE id = $1`,
        [decided.mergeId],
      );
      expect(row).toEqual({
        survivor_id: survivor,
        merged_id: merged,
        reason: "manual",
        merged_by: "crm@dangol.local",
        version: "2",
      });
      const after = await q(
        `SELECT (SELECT count(*) FROM customer_source_link WHERE customer_id = $1)::int AS links,
                (SELECT count(*) FROM receipt WHERE customer_id = $1)::int AS receipts,
                (SELECT count(*) FROM point_entry WHERE customer_id = $1)::int AS points,
                (SELECT status::text FROM customer WHERE id = $2) AS merged_status,
                (SELECT status FROM identity_review WHERE id = $3::bigint) AS review,
                (SELECT count(*) FROM audit_log WHERE action = 'identity.review.merge' AND target_id = $3::text)::int AS audit`,
        [survivor, merged, review.id],
      );
      expect(after).toEqual([
        { links: 2, receipts: 4, points: 4, merged_status: "MERGED", review: "MERGED", audit: 1 },
      ]);
      // The golden record of the survivor is rebuilt from both memberships (newest contact wins).
      const [golden] = await q(`SELECT name, phone FROM customer WHERE id = $1`, [survivor]);
      expect(golden.name).toBe("김민준");

      await expect(
        resolveIdentityReview(client, { reviewId: review.id, decision: "keep_apart", actor: "crm@dangol.local" }),
      ).rejects.toMatchObject({
        code: "already_decided",
        message: expect.stringContaining(`identity review ${review.id}`),
      });

      const restored = await unmergeCustomers(client, { mergeId: decided.mergeId!, actor: "admin@dangol.local" });
      expect(restored.restoredCustomerId).toBe(merged);
      expect(await snapshotOf([a, b])).toEqual(before);
      const [undone] = await q(`SELECT unmerged_by FROM customer_merge WHERE id = $1`, [decided.mergeId]);
      expect(undone.unmerged_by).toBe("admin@dangol.local");

      const again = unmergeCustomers(client, { mergeId: decided.mergeId!, actor: "admin@dangol.local" });
      await expect(again).rejects.toBeInstanceOf(UnmergeError);
      await expect(again).rejects.toMatchObject({ code: "already_unmerged" });
    } finally {
      client.release();
    }
  });

  it("keeps a pair apart for good: the ETL does not propose or merge it again", async () => {
    const c = await customerOf("S0003");
    const d = await customerOf("S0004");
    const [review] = await q(
      `SELECT id::text FROM identity_review WHERE customer_id = $1 AND candidate_customer_id = $2`,
      [c, d],
    );
    const client = await pool.connect();
    try {
      expect(
        await resolveIdentityReview(client, { reviewId: review.id, decision: "keep_apart", actor: "crm@dangol.local" }),
      ).toEqual({ status: "REJECTED" });
    } finally {
      client.release();
    }
    // C2's next update (a new phone, D's CI still) is matched again, and the pair stays apart.
    const [result] = await loadDay("20250103", [
      smLine({ ...C2, ci: CI_D, phone: "01066667777" }, "2025-01-03T10:00:00+09:00"),
    ]);
    expect(result!.stats).toMatchObject({ rematched: 1, merges: 0, reviews: 0 });
    const reviews = await q(
      `SELECT status FROM identity_review WHERE customer_id = ANY($1::bigint[]) AND candidate_customer_id = ANY($1::bigint[])`,
      [[c, d]],
    );
    expect(reviews).toEqual([{ status: "REJECTED" }]);
    expect(await customerOf("S0009")).toBe(c);
  });

  it("refuses a review whose customer was merged meanwhile, and changes nothing", async () => {
    const e = await customerOf("S0005");
    const merged = (await q(`SELECT id::text FROM customer WHERE merged_into_id = $1`, [e]))[0].id;
    const a = await customerOf("S0001");
    const [review] = await q(
      `INSERT INTO identity_review (customer_id, candidate_customer_id, source_code, member_no, reason, evidence)
       VALUES ($1, $2, 'SM', 'S0005', 'score_band', '{}') RETURNING id::text`,
      [merged, a],
    );
    const client = await pool.connect();
    try {
      const attempt = resolveIdentityReview(client, {
        reviewId: review.id,
        decision: "merge",
        actor: "crm@dangol.local",
      });
      await expect(attempt).rejects.toBeInstanceOf(IdentityReviewError);
      await expect(attempt).rejects.toThrow(
        new RegExp(`identity review ${review.id}: customer ${merged} was merged into`),
      );
    } finally {
      client.release();
    }
    const [row] = await q(`SELECT status FROM identity_review WHERE id = $1`, [review.id]);
    expect(row.status).toBe("OPEN");
  });

  it("unmerges in reverse order only, and not once a withdrawal erased the snapshot", async () => {
    const ef = await customerOf("S0005");
    const a = await customerOf("S0001");
    const [etlMerge] = await q(`SELECT id::text FROM customer_merge WHERE survivor_id = $1 AND reason = 'ci'`, [ef]);
    const [review] = await q(
      `INSERT INTO identity_review (customer_id, candidate_customer_id, source_code, member_no, reason, evidence)
       VALUES ($1, $2, 'SM', 'S0001', 'score_band', '{}') RETURNING id::text`,
      [a, ef],
    );
    const client = await pool.connect();
    try {
      const later = await resolveIdentityReview(client, {
        reviewId: review.id,
        decision: "merge",
        actor: "crm@dangol.local",
      });
      await expect(
        unmergeCustomers(client, { mergeId: etlMerge.id, actor: "admin@dangol.local" }),
      ).rejects.toMatchObject({
        code: "later_merge",
      });
      await unmergeCustomers(client, { mergeId: later.mergeId!, actor: "admin@dangol.local" });
      await unmergeCustomers(client, { mergeId: etlMerge.id, actor: "admin@dangol.local" });
      const [e, f] = [await customerOf("S0005"), await customerOf("S0006")];
      expect(e).not.toBe(f);
      // Both memberships hold F's CI now, yet the pair is recorded as kept apart, not held again.
      const held = await q(
        `SELECT reason, status FROM identity_review
          WHERE customer_id = ANY($1::bigint[]) AND candidate_customer_id = ANY($1::bigint[])`,
        [[e, f]],
      );
      expect(held).toEqual([{ reason: "unmerged", status: "REJECTED" }]);
      expect(await customerOf("S0001")).toBe(a);

      // G and H were merged by the ETL; G withdraws: the merge's snapshot is erased, no way back.
      const [gh] = await q(`SELECT id::text FROM customer_merge WHERE reason = 'deterministic'`);
      await loadDay("20250104", [smLine(G, "2025-01-04T10:00:00+09:00", "WITHDRAW")]);
      await expect(unmergeCustomers(client, { mergeId: gh.id, actor: "admin@dangol.local" })).rejects.toMatchObject({
        code: "snapshot_erased",
      });
      const [gone] = await q(
        `SELECT c.name, c.phone, c.erased_at IS NOT NULL AS erased, m.snapshot FROM customer_merge m
           JOIN customer c ON c.id = m.merged_id WHERE m.id = $1`,
        [gh.id],
      );
      expect(gone).toMatchObject({ name: null, phone: null, erased: true, snapshot: { erased: true } });
    } finally {
      client.release();
    }
  });
});
