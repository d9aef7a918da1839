import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  applyMerges,
  confirmContactDetails,
  lockIdentity,
  recordConsentChange,
  recordTouchpoint,
  type StoreActor,
  StoreContactError,
  unmergeCustomers,
} from "./index.ts";
import { smMemberLine, smMemberLoader } from "./sm-member-fixtures.ts";

// Whole-table assertions: a database of its own.
const database = await createTestDatabase("dangol_store_contacts");
const pool = new pg.Pool({ connectionString: database.url, max: 3 });
const dir = mkdtempSync(join(tmpdir(), "dangol-store-contacts-"));
afterAll(async () => {
  await pool.end();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;

/** A member with only what these tests vary: the rest is the same for everyone. */
const smLine = (id: string, name: string, phone: string, changedAt: string, change = "UPSERT") =>
  smMemberLine(
    {
      id,
      name,
      phone,
      birth: "1990-01-01",
      email: `${id.toLowerCase()}@old.example.com`,
      zip: "06234",
      address: "서울 강남구 테헤란로 1",
    },
    changedAt,
    change,
  );
const { loadDay, customerOf } = smMemberLoader(pool, dir);

async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

const [user] = await q(
  `INSERT INTO app_user (email, name, role, password_hash, updated_at) VALUES ('crm@dangol.local', 'CRM', 'CRM_MANAGER', 'x', now()) RETURNING id::text`,
);
const actor: StoreActor = { id: user.id, email: "crm@dangol.local", role: "CRM_MANAGER", storeId: null };
const confirmed = (phone: string | null, email: string | null) => ({
  contact: { phone, email, zip: null, address: null },
  fields: [...(phone ? (["phone"] as const) : []), ...(email ? (["email"] as const) : [])],
});

await loadDay("20250101", [
  smLine("S0001", "김민준", "01011112222", "2025-01-01T09:00:00+09:00"),
  smLine("S0002", "이서연", "01033334444", "2025-01-01T09:00:00+09:00"),
  smLine("S0003", "박지훈", "01055556666", "2025-01-01T09:00:00+09:00"),
]);

describe("contact details confirmed at a store", () => {
  it("become the customer's DANGOL member record and win survivorship until a newer division change", async () => {
    const a = await customerOf("S0001");
    const { touchpointId } = await withClient((c) =>
      confirmContactDetails(c, { customerId: a, ...confirmed("010-9999-0001", "kim@new.example.com"), actor }),
    );
    const [link] = await q(
      `SELECT customer_id::text, name, phone, email, zip, address_text, source_changed_at IS NOT NULL AS dated
         FROM customer_source_link WHERE source_code = 'DANGOL' AND member_no = $1`,
      [`store:${a}`],
    );
    expect(link).toEqual({
      customer_id: a,
      name: null,
      phone: "010-9999-0001",
      email: "kim@new.example.com",
      zip: null,
      address_text: null,
      dated: true,
    });
    const [golden] = await q(`SELECT name, phone, phone_last4, email, address_text FROM customer WHERE id = $1`, [a]);
    expect(golden).toEqual({
      name: "김민준",
      phone: "010-9999-0001",
      phone_last4: "0001",
      email: "kim@new.example.com",
      address_text: "서울 강남구 테헤란로 1",
    });
    const history = await q(
      `SELECT field, old_value, new_value, source_ref FROM customer_attribute_history
        WHERE customer_id = $1 AND source_ref = $2 ORDER BY field`,
      [a, `touchpoint:${touchpointId}`],
    );
    expect(history).toEqual([
      {
        field: "email",
        old_value: "s0001@old.example.com",
        new_value: "kim@new.example.com",
        source_ref: `touchpoint:${touchpointId}`,
      },
      {
        field: "phone",
        old_value: "010-1111-2222",
        new_value: "010-9999-0001",
        source_ref: `touchpoint:${touchpointId}`,
      },
    ]);
    expect(await q(`SELECT kind::text, note, user_id::text FROM touchpoint WHERE id = $1`, [touchpointId])).toEqual([
      { kind: "CONTACT_CONFIRMED", note: "phone,email", user_id: user.id },
    ]);
    expect(
      await q(
        `SELECT actor_email, details FROM audit_log WHERE action = 'customer.contact_confirmed' AND target_id = $1`,
        [a],
      ),
    ).toEqual([{ actor_email: "crm@dangol.local", details: { touchpointId, fields: ["phone", "email"] } }]);

    // A newer change from the division wins again: its record as a whole is newer (survivorship
    // compares records' change times), so it takes back both fields.
    await loadDay("20990101", [smLine("S0001", "김민준", "01011113333", new Date().toISOString())]);
    expect((await q(`SELECT phone, email FROM customer WHERE id = $1`, [a]))[0]).toEqual({
      phone: "010-1111-3333",
      email: "s0001@old.example.com",
    });
    // A later confirmation of the e-mail alone drops the beaten phone from the DANGOL record.
    await withClient((c) =>
      confirmContactDetails(c, { customerId: a, ...confirmed(null, "kim2@new.example.com"), actor }),
    );
    expect((await q(`SELECT phone, email FROM customer_source_link WHERE member_no = $1`, [`store:${a}`]))[0]).toEqual({
      phone: null,
      email: "kim2@new.example.com",
    });
    expect((await q(`SELECT phone, email FROM customer WHERE id = $1`, [a]))[0]).toEqual({
      phone: "010-1111-3333",
      email: "kim2@new.example.com",
    });
  });

  it("records consent changes and touchpoints, and refuses a customer merged away", async () => {
    const b = await customerOf("S0002");
    await withClient((c) => recordConsentChange(c, { customerId: b, channel: "SMS", granted: false, actor }));
    expect(
      await q(
        `SELECT channel::text, granted, source FROM customer_consent WHERE customer_id = $1 AND channel = 'SMS'`,
        [b],
      ),
    ).toEqual([{ channel: "SMS", granted: false, source: "DANGOL_STORE" }]);
    await withClient((c) => recordTouchpoint(c, { customerId: b, kind: "COMPLAINT", note: "배송 지연", actor }));
    expect(await q(`SELECT kind::text, note FROM touchpoint WHERE customer_id = $1`, [b])).toEqual([
      { kind: "COMPLAINT", note: "배송 지연" },
    ]);
  });
});

it("gives up after a few seconds while a load holds the identity lock, writing nothing", async () => {
  const b = await customerOf("S0002");
  const holder = await pool.connect();
  try {
    await holder.query("BEGIN");
    await lockIdentity(holder);
    const attempt = withClient((c) =>
      confirmContactDetails(c, { customerId: b, ...confirmed("010-4444-0000", null), actor }),
    );
    await expect(attempt).rejects.toMatchObject({ name: "StoreContactError", reason: "busy" });
  } finally {
    await holder.query("ROLLBACK");
    holder.release();
  }
  expect(await q(`SELECT count(*)::int AS n FROM customer WHERE phone = '010-4444-0000'`)).toEqual([{ n: 0 }]);
}, 20_000);

describe("merges and unmerges carry the DANGOL record and touchpoints", () => {
  it("moves them to the survivor and back", async () => {
    const b = await customerOf("S0002");
    const cId = await customerOf("S0003");
    await withClient((c) =>
      confirmContactDetails(c, { customerId: b, ...confirmed(null, "seoyeon@new.example.com"), actor }),
    );
    const [mergeId] = await withClient(async (c) => {
      await c.query("BEGIN");
      await lockIdentity(c);
      const ids = await applyMerges(c, [{ survivor: cId, merged: b, reason: "manual", score: null, evidence: [] }], {
        mergedBy: "crm@dangol.local",
        batchId: null,
      });
      await c.query("COMMIT");
      return ids;
    });
    const owners = async () => ({
      link: (
        await q(`SELECT customer_id::text AS id FROM customer_source_link WHERE member_no = $1`, [`store:${b}`])
      )[0].id,
      touchpoints: (
        await q(
          `SELECT DISTINCT customer_id::text AS id FROM touchpoint WHERE kind IN ('COMPLAINT', 'CONTACT_CONFIRMED')
                  AND id IN (SELECT id FROM touchpoint WHERE customer_id = ANY($1::bigint[]))
                  AND user_id IS NOT NULL AND customer_id <> (SELECT customer_id FROM customer_source_link WHERE member_no = 'S0001')`,
          [[b, cId]],
        )
      ).map((r) => r.id),
    });
    expect(await owners()).toEqual({ link: cId, touchpoints: [cId] });
    await expect(
      withClient((c) => recordTouchpoint(c, { customerId: b, kind: "COMPLIMENT", note: null, actor })),
    ).rejects.toBeInstanceOf(StoreContactError);

    await withClient((c) => unmergeCustomers(c, { mergeId: mergeId!, actor: "admin@dangol.local" }));
    expect(await owners()).toEqual({ link: b, touchpoints: [b] });
    expect((await q(`SELECT email FROM customer WHERE id = $1`, [b]))[0].email).toBe("seoyeon@new.example.com");
  });
});

describe("erasure", () => {
  it("a customer's last division withdrawal erases their DANGOL record and touchpoint notes", async () => {
    const d = await customerOf("S0003");
    await withClient((c) => confirmContactDetails(c, { customerId: d, ...confirmed("010-5555-7777", null), actor }));
    await withClient((c) =>
      recordTouchpoint(c, { customerId: d, kind: "AFTER_SALES", note: "010-5555-7777 로 연락", actor }),
    );
    const contactId = await campaignTraces(d);
    await loadDay("20990102", [smLine("S0003", "", "", "2099-01-02T09:00:00+09:00", "WITHDRAW")]);
    expect((await q(`SELECT status::text, phone, name FROM customer WHERE id = $1`, [d]))[0]).toEqual({
      status: "WITHDRAWN",
      phone: null,
      name: null,
    });
    expect(
      await q(
        `SELECT phone, email, withdrawn_at IS NOT NULL AS withdrawn FROM customer_source_link WHERE member_no = $1`,
        [`store:${d}`],
      ),
    ).toEqual([{ phone: null, email: null, withdrawn: true }]);
    expect(
      await q(`SELECT count(*)::int AS n FROM touchpoint WHERE customer_id = $1 AND note IS NOT NULL`, [d]),
    ).toEqual([{ n: 0 }]);
    expect(await q(`SELECT count(*)::int AS n FROM touchpoint WHERE customer_id = $1`, [d])).toEqual([{ n: 2 }]);
    // Campaign data: the outbox's address and text, marked addresses and suppression reasons go;
    // the contact itself stays (anonymous, the campaign's measurement counts it).
    expect(await q(`SELECT recipient, subject, body FROM campaign_outbox WHERE contact_id = $1`, [contactId])).toEqual([
      { recipient: "", subject: null, body: "" },
    ]);
    expect(await q(`SELECT count(*)::int AS n FROM contact_address_invalid WHERE customer_id = $1`, [d])).toEqual([
      { n: 0 },
    ]);
    expect(await q(`SELECT reason FROM campaign_suppression WHERE customer_id = $1`, [d])).toEqual([{ reason: "" }]);
    expect(await q(`SELECT status::text FROM campaign_contact WHERE id = $1`, [contactId])).toEqual([
      { status: "SENT" },
    ]);
  });
});

/** What campaigns hold about a customer: a sent contact with its outbox record, a bounce, a suppression. */
async function campaignTraces(customerId: string): Promise<string> {
  const [segment] = await q(
    `INSERT INTO segment (name, owner_id, definition, updated_at) VALUES ('erasure test', $1, '{}', now()) RETURNING id`,
    [user.id],
  );
  const [campaign] = await q(
    `INSERT INTO campaign (name, theme, owner_id, segment_id, definition, updated_at)
     VALUES ('erasure test', 'win_back', $1, $2, '{}', now()) RETURNING id`,
    [user.id, segment.id],
  );
  const [run] = await q(
    `INSERT INTO campaign_run (campaign_id, due_at, seed, definition) VALUES ($1, now(), 's', '{}') RETURNING id`,
    [campaign.id],
  );
  const [contact] = await q(
    `INSERT INTO campaign_contact (run_id, campaign_id, customer_id, channel, batch_no, status, idempotency_key, due_at, finished_at)
     VALUES ($1, $2, $3, 'SMS', 0, 'SENT', $4, now(), now()) RETURNING id::text`,
    [run.id, campaign.id, customerId, `erasure-${customerId}`],
  );
  await q(
    `INSERT INTO campaign_outbox (contact_id, channel, recipient, subject, body)
     VALUES ($1, 'SMS', '010-5555-7777', NULL, '(광고) 김단골님, 다시 만나요')`,
    [contact.id],
  );
  await q(
    `INSERT INTO contact_address_invalid (customer_id, channel, address, reason) VALUES ($1, 'EMAIL', 'old@example.com', '550')`,
    [customerId],
  );
  await q(
    `INSERT INTO campaign_suppression (customer_id, channel, reason, source) VALUES ($1, NULL, '민원: 010-5555-7777', 'crm')`,
    [customerId],
  );
  return contact.id;
}
