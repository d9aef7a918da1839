import { describe, expect, it } from "vitest";
import { member } from "./fixtures.ts";
import { assignIncoming, IdentityIndex } from "./identity-index.ts";

const CI_A = "a".repeat(64);
const CI_B = "b".repeat(64);

describe("IdentityIndex", () => {
  it("recognises a member it already holds", () => {
    const index = new IdentityIndex([{ customerId: "1", record: member({ division: "DPT", memberNo: "D1" }) }]);
    expect(index.match(member({ division: "DPT", memberNo: "D1", phone: null }))).toEqual({
      outcome: "known",
      customerId: "1",
    });
  });

  it("links by CI first", () => {
    const index = new IdentityIndex([
      { customerId: "1", record: member({ division: "DPT", memberNo: "D1", ciHash: CI_A, name: "이서연" }) },
      { customerId: "2", record: member({ division: "MART", memberNo: "M1" }) },
    ]);
    const m = index.match(member({ division: "SM", memberNo: "S1", ciHash: CI_A }));
    expect(m).toMatchObject({ outcome: "link", customerId: "1", link: { reason: "ci" } });
    // The record also matches customer 2 deterministically, and is consistent with it.
    expect(m.outcome === "link" && m.alsoStrong.map((c) => c.customerId)).toEqual(["2"]);
  });

  it("links deterministically and by fuzzy score", () => {
    const index = new IdentityIndex([{ customerId: "1", record: member({ division: "DPT", memberNo: "D1" }) }]);
    expect(index.match(member({ division: "SM", memberNo: "S1" }))).toMatchObject({
      outcome: "link",
      link: { reason: "deterministic" },
    });
    expect(index.match(member({ division: "SM", memberNo: "S2", name: "김민중" }))).toMatchObject({
      outcome: "link",
      link: { reason: "fuzzy" },
    });
  });

  it("refuses a customer holding another CI and offers it for review instead", () => {
    const index = new IdentityIndex([
      { customerId: "1", record: member({ division: "DPT", memberNo: "D1", ciHash: CI_B }) },
      { customerId: "1", record: member({ division: "MART", memberNo: "M1", phone: "010-7777-7777" }) },
    ]);
    // Equal to M1 in everything but its CI: M1 has none, but its customer holds CI_B.
    const m = index.match(member({ division: "SM", memberNo: "S1", ciHash: CI_A, phone: "010-7777-7777" }));
    expect(m.outcome).toBe("new");
    expect(m.outcome === "new" && m.review.map((c) => c.customerId)).toEqual(["1"]);
  });

  it("returns review-band candidates for a new customer", () => {
    const index = new IdentityIndex([{ customerId: "1", record: member({ division: "DPT", memberNo: "D1" }) }]);
    const namesake = member({
      division: "SM",
      memberNo: "S1",
      phone: "010-5555-1234",
      address: "서울특별시 강남구 중앙로 3",
      zip: "06100",
    });
    expect(index.match(namesake)).toMatchObject({ outcome: "new", review: [{ customerId: "1", reason: "fuzzy" }] });
  });

  it("finds a same-day sibling record once it is upserted", () => {
    const index = new IdentityIndex();
    const first = member({ division: "MART", memberNo: "M1" });
    expect(index.match(first)).toEqual({ outcome: "new", review: [] });
    index.upsert("9", first);
    expect(index.match(member({ division: "SM", memberNo: "S1" }))).toMatchObject({ outcome: "link", customerId: "9" });
  });

  it("forgets a removed member and re-keys an updated one", () => {
    const index = new IdentityIndex([{ customerId: "1", record: member({ division: "DPT", memberNo: "D1" }) }]);
    index.upsert("1", member({ division: "DPT", memberNo: "D1", phone: "010-8888-8888", name: "박지민" }));
    expect(index.match(member({ division: "SM", memberNo: "S1" })).outcome).toBe("new");
    index.remove("DPT", "D1");
    expect(index.size).toBe(0);
    expect(
      index.match(member({ division: "SM", memberNo: "S2", phone: "010-8888-8888", name: "박지민" })).outcome,
    ).toBe("new");
  });

  it("merges customers unless their CIs differ", () => {
    const index = new IdentityIndex([
      { customerId: "1", record: member({ division: "DPT", memberNo: "D1", ciHash: CI_A }) },
      { customerId: "2", record: member({ division: "MART", memberNo: "M1" }) },
      { customerId: "3", record: member({ division: "SM", memberNo: "S1", ciHash: CI_B }) },
    ]);
    expect(index.mergeCustomers("1", "2")).toBe(true);
    expect(index.customerOf("MART", "M1")).toBe("1");
    expect(index.mergeCustomers("1", "3")).toBe(false);
  });
});

describe("IdentityIndex.compatible", () => {
  it("accepts two customers with one CI and one birth date between them, refuses two of either", () => {
    const index = new IdentityIndex([
      { customerId: "1", record: member({ division: "DPT", memberNo: "D1", ciHash: CI_A, birthDate: "1990-01-01" }) },
      { customerId: "2", record: member({ division: "MART", memberNo: "M1", birthDate: "1990-01-01" }) },
      { customerId: "3", record: member({ division: "SM", memberNo: "S1", ciHash: CI_B }) },
      { customerId: "4", record: member({ division: "SM", memberNo: "S2", birthDate: "1991-02-02" }) },
    ]);
    expect(index.compatible("1", "2")).toBe(true);
    expect(index.compatible("1", "3")).toBe(false);
    expect(index.compatible("2", "4")).toBe(false);
    expect(index.compatible("1", "1")).toBe(false);
    expect(index.compatible("1", "9")).toBe(false);
  });
});

describe("assignIncoming", () => {
  it("links, creates and merges a day's records in order", () => {
    const index = new IdentityIndex([
      { customerId: "1", record: member({ division: "DPT", memberNo: "D1", ciHash: CI_A, name: "이서연" }) },
      { customerId: "2", record: member({ division: "MART", memberNo: "M1" }) },
    ]);
    let next = 100;
    const decisions = assignIncoming(
      index,
      [
        member({ division: "SM", memberNo: "S1", ciHash: CI_A }),
        member({ division: "SM", memberNo: "S2", name: "박지민", phone: "010-3333-4444", birthDate: null }),
        member({ division: "DPT", memberNo: "D2", name: "박지민", phone: "010-3333-4444", birthDate: null }),
      ],
      () => String(next++),
    );
    expect(decisions.map((d) => [d.customerId, d.created, d.merged])).toEqual([
      ["1", false, ["2"]],
      ["100", true, []],
      ["100", false, []],
    ]);
    expect(index.customerOf("MART", "M1")).toBe("1");
  });
});

describe("IdentityIndex internals", () => {
  /** Every key hashes alike: each lookup walks every record. */
  const collide = () => 7;

  it("does not take a hash collision for a deterministic match", () => {
    const index = new IdentityIndex(
      [{ customerId: "1", record: member({ division: "DPT", memberNo: "D1" }) }],
      undefined,
      undefined,
      collide,
    );
    const stranger = member({
      division: "SM",
      memberNo: "S1",
      name: "박지민",
      phone: "010-9999-0000",
      birthDate: "1990-01-01",
      email: "jimin@daum.net",
      zip: "48000",
      address: "부산광역시 해운대구 해운대로 5",
      gender: "F",
    });
    expect(index.match(stranger)).toEqual({ outcome: "new", review: [] });
    expect(index.match(member({ division: "SM", memberNo: "S2" }))).toMatchObject({
      outcome: "link",
      link: { reason: "deterministic", matched: { division: "DPT", memberNo: "D1" } },
    });
  });

  it("counts only live records of a block against the cap, collisions included", () => {
    // Same mobile, different names: one shared blocking key and no deterministic key in common.
    const records = ["이서연", "최하은", "정도윤"].map((name, i) =>
      member({ division: "DPT", memberNo: `D${i}`, name, birthDate: null, email: null, zip: null, address: null }),
    );
    const index = new IdentityIndex(
      records.map((record, i) => ({ customerId: String(i), record })),
      undefined,
      2,
    );
    const probe = member({ division: "SM", memberNo: "S1", name: "이서연", birthDate: null });
    expect(index.match(probe)).toEqual({ outcome: "new", review: [] });
    index.remove("DPT", "D2");
    expect(index.match(probe)).toMatchObject({ outcome: "link", customerId: "0", link: { reason: "fuzzy" } });

    const colliding = new IdentityIndex(
      [
        { customerId: "1", record: member({ division: "DPT", memberNo: "D1" }) },
        {
          customerId: "2",
          record: member({ division: "MART", memberNo: "M1", name: "박지민", phone: "010-9999-0000" }),
        },
      ],
      undefined,
      1,
      collide,
    );
    // Only the deterministic match survives: every blocking key now holds two records.
    expect(colliding.match(member({ division: "SM", memberNo: "S1", name: "김민중" }))).toEqual({
      outcome: "new",
      review: [],
    });
  });

  it("keeps size, customerOf and matching right through removals, re-upserts and merges", () => {
    const index = new IdentityIndex([
      { customerId: "1", record: member({ division: "DPT", memberNo: "D1", ciHash: CI_A }) },
      { customerId: "2", record: member({ division: "MART", memberNo: "M1", name: "김민중" }) },
    ]);
    index.remove("DPT", "D1");
    index.remove("DPT", "D1");
    expect([index.size, index.customerOf("DPT", "D1")]).toEqual([1, undefined]);
    // The removed record's CI no longer links to customer 1.
    expect(index.match(member({ division: "SM", memberNo: "S1", ciHash: CI_A, name: "박지민", phone: null }))).toEqual({
      outcome: "new",
      review: [],
    });
    index.upsert("1", member({ division: "DPT", memberNo: "D1", ciHash: CI_A }));
    expect(index.mergeCustomers("1", "2")).toBe(true);
    expect([index.size, index.customerOf("MART", "M1"), index.compatible("1", "2")]).toEqual([2, "1", false]);
    expect(index.match(member({ division: "SM", memberNo: "S1", ciHash: CI_A }))).toMatchObject({
      outcome: "link",
      customerId: "1",
      link: { reason: "ci", matched: { division: "DPT", memberNo: "D1" } },
      alsoStrong: [],
    });
  });

  it("stays right after thousands of upserts of one member (the dead slots compacted away)", () => {
    const index = new IdentityIndex([
      { customerId: "9", record: member({ division: "MART", memberNo: "M9", name: "최하은" }) },
    ]);
    for (let i = 0; i < 3000; i++) {
      index.upsert(
        i % 2 ? "1" : "2",
        member({ division: "DPT", memberNo: "D1", phone: `010-1000-${String(i).padStart(4, "0")}` }),
      );
    }
    expect([index.size, index.customerOf("DPT", "D1"), index.customerOf("MART", "M9")]).toEqual([2, "1", "9"]);
    const latest = index.match(member({ division: "SM", memberNo: "S1", phone: "010-1000-2999" }));
    expect(latest).toMatchObject({ outcome: "link", customerId: "1", link: { reason: "deterministic" } });
    // An old phone of D1 finds only the fuzzy match by name, birth date and address, no longer the phone.
    const old = index.match(member({ division: "SM", memberNo: "S2", phone: "010-1000-0005" }));
    expect(old).toMatchObject({ outcome: "link", customerId: "1", link: { reason: "fuzzy" } });
    expect(old.outcome === "link" && old.link.evidence).toContain("phone:different");
    expect(index.compatible("1", "2")).toBe(false);
    expect(index.compatible("1", "9")).toBe(true);
  });
});
