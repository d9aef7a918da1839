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
