import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient } from "@dangol/db/client";
import { createCustomer, seed } from "@dangol/db/seed";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addSuppression,
  exportConsentChanges,
  importOptOut080,
  isAddressValid,
  listInvalidAddresses,
  listSuppressions,
  markAddressInvalid,
  removeSuppression,
  SuppressionError,
  unsubscribe,
  unsubscribeTarget,
  unsubscribeToken,
  unsubscribeUrl,
  verifyUnsubscribeToken,
} from "../index.ts";

const prisma = createPrismaClient(process.env.DATABASE_URL ?? "");
const KEY = "consent-test-secret-that-is-long-enough-0123";
const actor = { email: "crm@dangol.local", role: "CRM_MANAGER" as const };
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;

beforeAll(async () => {
  await seed(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
});

/** A campaign contact of our own for `customerId`, written directly (the launch is someone else's). */
async function contactFor(customerId: bigint): Promise<bigint> {
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: "crm@dangol.local" } });
  const segment = await prisma.segment.create({
    data: { name: `consent test ${unique()}`, ownerId: owner.id, definition: {} },
  });
  const campaign = await prisma.campaign.create({
    data: { name: "unsubscribe test", theme: "win_back", ownerId: owner.id, segmentId: segment.id, definition: {} },
  });
  const run = await prisma.campaignRun.create({
    data: { campaignId: campaign.id, dueAt: new Date(), seed: "s", definition: {} },
  });
  const contact = await prisma.campaignContact.create({
    data: {
      runId: run.id,
      campaignId: campaign.id,
      customerId,
      channel: "EMAIL",
      batchNo: 0,
      idempotencyKey: `consent-test-${unique()}`,
      dueAt: new Date(),
    },
  });
  return contact.id;
}

const consentOf = (customerId: bigint, channel: "SMS" | "EMAIL" | "TM") =>
  prisma.customerConsent.findUnique({ where: { customerId_channel: { customerId, channel } } });

describe("unsubscribe link", () => {
  it("signs the contact id and refuses a tampered or foreign token", () => {
    const token = unsubscribeToken(123n, KEY);
    expect(token).toMatch(/^123\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(token, KEY)).toBe(123n);
    expect(verifyUnsubscribeToken(token.replace(/^123/, "124"), KEY)).toBeNull();
    expect(verifyUnsubscribeToken(token, `${KEY}x`)).toBeNull();
    expect(verifyUnsubscribeToken("garbage", KEY)).toBeNull();
    expect(unsubscribeUrl("https://crm.example.com/", 123n, KEY)).toBe(`https://crm.example.com/u/${token}`);
  });

  it("records an EMAIL opt-out from UNSUBSCRIBE at once, and a second click changes nothing", async () => {
    const customer = await createCustomer(prisma, { email: "unsub@example.com", consents: { EMAIL: true, SMS: true } });
    const contactId = await contactFor(customer.id);
    const token = unsubscribeToken(contactId, KEY);

    const before = await unsubscribeTarget(prisma, token, KEY);
    expect(before).toMatchObject({ contactId, customerId: customer.id, maskedEmail: "u***@example.com" });
    expect(before?.alreadyOptedOut).toBe(false);

    expect(await unsubscribe(prisma, token, { key: KEY })).toBe("done");
    const events = await prisma.consentEvent.findMany({ where: { customerId: customer.id, source: "UNSUBSCRIBE" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ channel: "EMAIL", granted: false });
    expect(events[0]?.sourceRef).toContain(`contact:${contactId}`);
    expect(await consentOf(customer.id, "EMAIL")).toMatchObject({ granted: false, source: "UNSUBSCRIBE" });
    expect(await consentOf(customer.id, "SMS")).toMatchObject({ granted: true });

    expect(await unsubscribe(prisma, token, { key: KEY })).toBe("already");
    expect((await unsubscribeTarget(prisma, token, KEY))?.alreadyOptedOut).toBe(true);
    expect(await prisma.consentEvent.count({ where: { customerId: customer.id, source: "UNSUBSCRIBE" } })).toBe(1);
  });

  it("gives nothing for a bad token or a contact that does not exist", async () => {
    expect(await unsubscribe(prisma, "1.abc", { key: KEY })).toBeNull();
    expect(await unsubscribeTarget(prisma, unsubscribeToken(999_999_999_999n, KEY), KEY)).toBeNull();
  });
});

describe("080 opt-out import", () => {
  it("opts matching customers out of SMS and TM at the call time, reports every line, and adds nothing twice", async () => {
    const mobile = `010-7${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}-${String(Math.floor(Math.random() * 10000)).padStart(4, "0")}`;
    const digits = mobile.replaceAll("-", "");
    const a = await createCustomer(prisma, { phone: mobile, consents: { SMS: true, TM: true, EMAIL: true } });
    const dir = await mkdtemp(join(tmpdir(), "optout080-"));
    const path = join(dir, "080_20261123.csv");
    const text = [
      "phone,called_at",
      `+82-${digits.slice(1, 3)}-${digits.slice(3, 7)}-${digits.slice(7)},2026-11-23 14:05:00`,
      "010-0000-0001,2026-11-23 15:00:00",
      "not-a-phone,2026-11-23 15:00:00",
      `${digits},2026-02-30 10:00:00`,
      "010-1111-2222",
      "",
    ].join("\r\n");
    await writeFile(path, iconv.encode(`${text}\r\n`, "cp949"));

    const first = await importOptOut080(prisma, path);
    expect(first).toMatchObject({ rowsIn: 5, matched: 1, unmatched: 1, eventsAdded: 2, customers: 1 });
    expect(first.rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, "not a phone number"],
      [5, "called_at is not a date-time (YYYY-MM-DD HH:MM:SS)"],
      [6, "expected 2 fields (phone,called_at), got 1"],
    ]);
    const calledAt = new Date("2026-11-23T14:05:00+09:00");
    for (const channel of ["SMS", "TM"] as const) {
      const state = await consentOf(a.id, channel);
      // createCustomer's grant is "now", later than the call: the latest change still stands.
      expect(state?.granted).toBe(true);
    }
    const events = await prisma.consentEvent.findMany({ where: { customerId: a.id, source: "OPTOUT_080" } });
    expect(events.map((e) => [e.channel, e.granted, e.changedAt.toISOString()]).sort()).toEqual([
      ["SMS", false, calledAt.toISOString()],
      ["TM", false, calledAt.toISOString()],
    ]);

    const again = await importOptOut080(prisma, path);
    expect(again).toMatchObject({ rowsIn: 5, matched: 1, eventsAdded: 0 });
    expect(await prisma.consentEvent.count({ where: { customerId: a.id, source: "OPTOUT_080" } })).toBe(2);
  });

  it("puts customer_consent to opt-out when the call is the latest change (UTF-8 file, no header)", async () => {
    const mobile = `010-8${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}-${String(Math.floor(Math.random() * 10000)).padStart(4, "0")}`;
    const b = await createCustomer(prisma, { phone: mobile });
    await prisma.consentEvent.create({
      data: {
        customerId: b.id,
        channel: "SMS",
        granted: true,
        changedAt: new Date("2026-01-01T00:00:00Z"),
        source: "MART",
      },
    });
    const dir = await mkdtemp(join(tmpdir(), "optout080-"));
    const path = join(dir, "080.csv");
    await writeFile(path, `${mobile.replaceAll("-", " ")},2026-11-23T09:00:00+09:00\n`);
    expect(await importOptOut080(prisma, path)).toMatchObject({ rowsIn: 1, matched: 1, eventsAdded: 2 });
    expect(await consentOf(b.id, "SMS")).toMatchObject({ granted: false, source: "OPTOUT_080" });
    expect(await consentOf(b.id, "TM")).toMatchObject({ granted: false, source: "OPTOUT_080" });
  });
});

describe("outbound consent files", () => {
  it("sends a store opt-out to the divisions the customer is a member of, with their member numbers", async () => {
    const dptNo = `D${unique().slice(-9)}`;
    const smNo = `S${unique()}`;
    const c = await createCustomer(prisma, { link: { sourceCode: "DPT", memberNo: dptNo } });
    await prisma.customerSourceLink.create({ data: { customerId: c.id, sourceCode: "SM", memberNo: smNo } });
    // Someone else's MART membership that must not leak into any file as this customer.
    const other = await createCustomer(prisma, { link: { sourceCode: "MART" } });
    // recorded_at is when Dangol took it: one Seoul day far from any other test's rows.
    const day = "2031-03-04";
    const recordedAt = new Date(`${day}T10:15:00+09:00`);
    await prisma.consentEvent.create({
      data: {
        customerId: c.id,
        channel: "SMS",
        granted: false,
        changedAt: recordedAt,
        recordedAt,
        source: "DANGOL_STORE",
        sourceRef: "user:store@dangol.local",
      },
    });
    await prisma.consentEvent.create({
      data: { customerId: other.id, channel: "SMS", granted: false, changedAt: recordedAt, recordedAt, source: "MART" },
    });
    const outDir = await mkdtemp(join(tmpdir(), "consent-out-"));
    const result = await exportConsentChanges(prisma, { day, outDir, actor: { system: "cli" } });
    expect(result.events).toBe(1);
    expect(result.files.map((f) => [f.division, f.rows])).toEqual([
      ["DPT", 1],
      ["MART", 0],
      ["SM", 1],
    ]);

    const dpt = iconv.decode(await readFile(join(outDir, "DPT_CONSENT_20310304.csv")), "cp949");
    expect(dpt).toBe(
      `회원번호,채널,동의여부,변경일시,출처\r\n${dptNo},SMS,N,2031-03-04 10:15:00,DANGOL_STORE\r\nEOF,1\r\n`,
    );
    const mart = await readFile(join(outDir, "mart_consent_20310304.psv"), "utf8");
    expect(mart).toBe("member_no|channel|agree|agree_dt|source\n");
    expect(await readFile(join(outDir, "mart_consent_20310304.psv.ctl"), "utf8")).toMatch(
      /^row_count=0\|md5=[0-9a-f]{32}\n$/,
    );
    const sm = (await readFile(join(outDir, "sm_consent_20310304.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(sm).toEqual([
      {
        memberId: smNo,
        channel: "sms",
        granted: false,
        changedAt: "2031-03-04T10:15:00+09:00",
        source: "DANGOL_STORE",
      },
      { trailer: { rowCount: 1 } },
    ]);

    // Idempotent: the same files again, and each run is on record.
    await exportConsentChanges(prisma, { day, outDir, actor: { system: "cli" } });
    expect(iconv.decode(await readFile(join(outDir, "DPT_CONSENT_20310304.csv")), "cp949")).toBe(dpt);
    expect(await prisma.auditLog.count({ where: { action: "consent.export", targetId: day } })).toBe(2);
  });
});

describe("invalid addresses", () => {
  it("marks an address once and treats only that address as invalid", async () => {
    const c = await createCustomer(prisma, { email: "bounce@example.com" });
    const input = {
      customerId: c.id,
      channel: "EMAIL" as const,
      address: "bounce@example.com",
      reason: "550 5.1.1 user unknown",
    };
    expect(await markAddressInvalid(prisma, input)).toEqual({ marked: true });
    expect(await markAddressInvalid(prisma, { ...input, reason: "again" })).toEqual({ marked: false });
    expect(await isAddressValid(prisma, input)).toBe(false);
    expect(await isAddressValid(prisma, { ...input, address: "new@example.com" })).toBe(true);
    expect(await listInvalidAddresses(prisma, c.id)).toMatchObject([
      { channel: "EMAIL", reason: "550 5.1.1 user unknown" },
    ]);
  });
});

describe("suppression lists", () => {
  it("adds, lists and removes a suppression with an audit entry each", async () => {
    const c = await createCustomer(prisma);
    const s = await addSuppression(prisma, { customerId: c.id, channel: null, reason: "민원 (complaint)", actor });
    await addSuppression(prisma, { customerId: c.id, channel: "SMS", reason: "VIP handled by the store", actor });
    expect((await listSuppressions(prisma, c.id)).map((r) => r.channel).sort()).toEqual(["SMS", null].sort());
    await removeSuppression(prisma, { id: s.id, customerId: c.id, actor });
    expect((await listSuppressions(prisma, c.id)).map((r) => r.channel)).toEqual(["SMS"]);
    await expect(removeSuppression(prisma, { id: s.id, customerId: c.id, actor })).rejects.toBeInstanceOf(
      SuppressionError,
    );
    const audit = await prisma.auditLog.findMany({
      where: { targetType: "customer", targetId: c.id.toString() },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "campaign.suppression.add",
      "campaign.suppression.add",
      "campaign.suppression.remove",
    ]);
    expect(audit[0]).toMatchObject({ actorEmail: "crm@dangol.local", actorRole: "CRM_MANAGER" });
  });
});
