import { ROLES } from "@dangol/domain";
import { describe, expect, it } from "vitest";
import { allocatePointsFifo, buildDemoRetailer, type LedgerEntry, pointsExpiryFor, seoulDay } from "./demo-retailer.ts";
import { DEMO_USERS } from "./demo-users.ts";
import { DEMO_PRODUCTS, flattenCategories } from "./reference-data.ts";

const asOf = new Date("2026-03-15T03:00:00Z");

describe("buildDemoRetailer", () => {
  const demo = buildDemoRetailer({ asOf });

  it("produces the same data on every run", () => {
    expect(JSON.stringify(buildDemoRetailer({ asOf }), (_, v) => (typeof v === "bigint" ? String(v) : v))).toBe(
      JSON.stringify(demo, (_, v) => (typeof v === "bigint" ? String(v) : v)),
    );
  });

  it("keeps the same receipt keys and member numbers whatever day it runs (so a re-run adds nothing)", () => {
    const later = buildDemoRetailer({ asOf: new Date("2026-09-01T03:00:00Z") });
    expect(later.receipts.map((r) => r.key)).toEqual(demo.receipts.map((r) => r.key));
    expect(later.customers.flatMap((c) => c.links.map((l) => l.memberNo))).toEqual(
      demo.customers.flatMap((c) => c.links.map((l) => l.memberNo)),
    );
  });

  it("has about 200 customers and 2,000 sales with some returns, all in the 12 months before asOf", () => {
    expect(demo.customers).toHaveLength(200);
    expect(demo.receipts.filter((r) => r.type === "SALE")).toHaveLength(2000);
    expect(demo.receipts.filter((r) => r.type === "RETURN").length).toBeGreaterThan(20);
    const today = seoulDay(asOf);
    for (const r of demo.receipts) {
      expect(r.businessDate < today).toBe(true);
      expect(r.businessDate >= "2025-03-15").toBe(true);
      expect(r.businessDate).toBe(seoulDay(r.soldAt));
    }
  });

  it("writes every line as quantity × unit price − discount, negative on returns", () => {
    for (const r of demo.receipts) {
      for (const l of r.lines) {
        expect(l.amount).toBe(l.quantity * l.unitPrice - l.discount);
        if (r.type === "RETURN") expect(l.quantity).toBeLessThan(0);
        else expect(l.quantity).toBeGreaterThan(0);
      }
      if (r.type === "RETURN") {
        expect(r.originalKey).not.toBeNull();
        expect(r.pointsEarned).toBeLessThanOrEqual(0);
      }
    }
  });

  it("makes department-store baskets pricier than supermarket ones", () => {
    const median = (division: string) => {
      const nets = demo.receipts
        .filter((r) => r.sourceCode === division && r.type === "SALE")
        .map((r) => r.lines.reduce((sum, l) => sum + l.amount, 0))
        .sort((a, b) => a - b);
      return nets[Math.floor(nets.length / 2)]!;
    };
    expect(median("DPT")).toBeGreaterThan(median("MART"));
    expect(median("MART")).toBeGreaterThan(median("SM"));
  });

  it("never links a sale to a withdrawn member and never uses more points than were earned", () => {
    const withdrawn = new Set(demo.customers.filter((c) => c.status === "WITHDRAWN").map((c) => c.key));
    const balance = new Map<string, number>();
    for (const r of demo.receipts) {
      if (!r.customerKey) continue;
      expect(withdrawn.has(r.customerKey)).toBe(false);
      const before = balance.get(r.customerKey) ?? 0;
      expect(r.pointsUsed).toBeLessThanOrEqual(Math.max(before, 0));
      balance.set(r.customerKey, before - r.pointsUsed + r.pointsEarned);
    }
  });

  it("keeps personal data only on active customers", () => {
    for (const c of demo.customers.filter((c) => c.status !== "ACTIVE")) {
      expect([c.name, c.phone, c.email, c.birthDate, c.addressText, c.ciHash]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    }
  });
});

describe("reference data", () => {
  it("maps every product to an existing level-3 category", () => {
    const level3 = new Set(
      flattenCategories()
        .filter((c) => c.level === 3)
        .map((c) => c.code),
    );
    for (const p of DEMO_PRODUCTS) expect(level3.has(p.categoryCode)).toBe(true);
  });

  it("has one demo user per role, the store-staff one bound to a store", () => {
    expect(DEMO_USERS.map((u) => u.role).sort()).toEqual([...ROLES].sort());
    for (const u of DEMO_USERS) expect(u.store !== null).toBe(u.role === "STORE_STAFF");
  });
});

describe("points", () => {
  it("expires earns at the end of the month 24 months later", () => {
    expect(pointsExpiryFor("2025-03-15")).toBe("2027-03-31");
    expect(pointsExpiryFor("2025-12-01")).toBe("2027-12-31");
    expect(pointsExpiryFor("2024-02-29")).toBe("2026-02-28");
  });

  it("allocates a burn to the oldest unexpired earns and a return to its own sale's earn first", () => {
    const d = (day: string) => new Date(`${day}T00:00:00Z`);
    const entries: LedgerEntry[] = [
      { id: 1n, customerId: 7n, kind: "EARN", points: 100, occurredOn: d("2025-01-01"), expiresOn: d("2025-01-31") },
      { id: 2n, customerId: 7n, kind: "EARN", points: 300, occurredOn: d("2025-02-01"), expiresOn: d("2027-02-28") },
      { id: 3n, customerId: 7n, kind: "EARN", points: 200, occurredOn: d("2025-03-01"), expiresOn: d("2027-03-31") },
      { id: 4n, customerId: 7n, kind: "BURN", points: -350, occurredOn: d("2025-04-01"), expiresOn: null },
      {
        id: 5n,
        customerId: 7n,
        kind: "EARN",
        points: -100,
        occurredOn: d("2025-04-02"),
        expiresOn: null,
        preferredEarnId: 3n,
      },
    ];
    expect(allocatePointsFifo(entries)).toEqual([
      { debitEntryId: 4n, earnEntryId: 2n, points: 300 },
      { debitEntryId: 4n, earnEntryId: 3n, points: 50 },
      { debitEntryId: 5n, earnEntryId: 3n, points: 100 },
    ]);
  });
});
