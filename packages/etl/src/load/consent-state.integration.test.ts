import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RECOMPUTE_CUSTOMER_CONSENT_SQL } from "@dangol/db/consent";
import { createTestDatabase } from "@dangol/db/testing";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type SmMember, smMemberLine, smMemberLoader } from "../identity/sm-member-fixtures.ts";

// The member load brings customer_consent forward from the events it inserts; these cases check it
// against the state recomputed from every event, where an older event must not win.
const database = await createTestDatabase("dangol_consent_state");
const pool = new pg.Pool({ connectionString: database.url, max: 3 });
const dir = mkdtempSync(join(tmpdir(), "dangol-consent-state-"));
afterAll(async () => {
  await pool.end();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
const { loadDay, customerOf } = smMemberLoader(pool, dir);

const M: SmMember = { id: "S0100", name: "한가람", birth: "1980-04-04", phone: "01046464646" };

async function smsState(customerId: string) {
  const [row] = await q(
    `SELECT granted, changed_at, source FROM customer_consent WHERE customer_id = $1 AND channel = 'SMS'`,
    [customerId],
  );
  return row;
}

/** customer_consent as stored, and as the one recompute statement derives it from every event. */
async function storedAndRecomputed(customerId: string) {
  const read = (client: pg.PoolClient) =>
    client.query(
      `SELECT channel::text, granted, changed_at, source FROM customer_consent WHERE customer_id = $1 ORDER BY channel`,
      [customerId],
    );
  const client = await pool.connect();
  try {
    const stored = (await read(client)).rows;
    await client.query("BEGIN");
    await client.query(RECOMPUTE_CUSTOMER_CONSENT_SQL, [[customerId]]);
    const recomputed = (await read(client)).rows;
    await client.query("ROLLBACK");
    return { stored, recomputed };
  } finally {
    client.release();
  }
}

describe("current consent after member batches", () => {
  it("keeps a later Dangol opt-out against an older division event, lets the opt-out stand at the same instant, and yields to a newer one", async () => {
    await loadDay("20250301", [smMemberLine(M, "2025-03-01T09:00:00+09:00")]);
    const customer = await customerOf(M.id);
    expect(await smsState(customer)).toEqual({
      granted: true,
      changed_at: new Date("2025-03-01T09:00:00+09:00"),
      source: "SM",
    });

    // The customer unsubscribes through Dangol at noon on 3 March.
    const optOutAt = "2025-03-03T12:00:00+09:00";
    await q(
      `INSERT INTO consent_event (customer_id, channel, granted, changed_at, source) VALUES ($1, 'SMS', false, $2, 'UNSUBSCRIBE')`,
      [customer, optOutAt],
    );
    await q(RECOMPUTE_CUSTOMER_CONSENT_SQL, [[customer]]);
    const optedOut = { granted: false, changed_at: new Date(optOutAt), source: "UNSUBSCRIBE" };

    // SM's file of 4 March reports the SMS consent as changed on 2 March: older, it does not win.
    await loadDay("20250304", [smMemberLine({ ...M, email: "garam@c.com" }, "2025-03-02T10:00:00+09:00", "UPSERT")]);
    expect(await smsState(customer)).toEqual(optedOut);
    // A consent change at the very instant of the opt-out: the opt-out stands.
    await loadDay("20250305", [smMemberLine({ ...M, email: "garam@d.com" }, optOutAt, "UPSERT")]);
    expect(await smsState(customer)).toEqual(optedOut);
    let states = await storedAndRecomputed(customer);
    expect(states.stored).toEqual(states.recomputed);

    // A later grant from the division is the current state again.
    await loadDay("20250306", [smMemberLine({ ...M, email: "garam@e.com" }, "2025-03-06T08:00:00+09:00", "UPSERT")]);
    expect(await smsState(customer)).toEqual({
      granted: true,
      changed_at: new Date("2025-03-06T08:00:00+09:00"),
      source: "SM",
    });
    states = await storedAndRecomputed(customer);
    expect(states.stored).toEqual(states.recomputed);
    expect(states.stored).toHaveLength(5);
  });
});
