import { describe, expect, it } from "vitest";
import { member } from "./fixtures.ts";
import { resolveIdentities } from "./resolve.ts";

const CI_A = "a".repeat(64);
const CI_B = "b".repeat(64);

function groups(records: Parameters<typeof resolveIdentities>[0]) {
  const { clusters } = resolveIdentities(records);
  return clusters.map((c) => c.members.map((i) => records[i]!.memberNo)).sort();
}

describe("resolveIdentities", () => {
  it("links the same CI whatever else differs", () => {
    const records = [
      member({ division: "DPT", memberNo: "D1", ciHash: CI_A }),
      member({ division: "SM", memberNo: "S1", ciHash: CI_A, name: "박서연", phone: null, birthDate: null }),
    ];
    const { clusters } = resolveIdentities(records);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.links).toEqual([expect.objectContaining({ reason: "ci", a: 0, b: 1 })]);
  });

  it("links mobile + birth date + name deterministically", () => {
    const records = [
      member({ division: "DPT", memberNo: "D1", email: null }),
      member({ division: "MART", memberNo: "M1", address: null, zip: null }),
    ];
    const [cluster] = resolveIdentities(records).clusters;
    expect(cluster!.links[0]!.reason).toBe("deterministic");
  });

  it("links a typo'd name with the same phone by fuzzy score, with its evidence", () => {
    const records = [
      member({ division: "DPT", memberNo: "D1" }),
      member({ division: "SM", memberNo: "S1", name: "김민중" }),
    ];
    const [cluster] = resolveIdentities(records).clusters;
    expect(cluster!.links[0]).toMatchObject({ reason: "fuzzy", evidence: expect.arrayContaining(["name:jamo1"]) });
    expect(cluster!.links[0]!.score).toBeGreaterThanOrEqual(15);
  });

  it("never merges two different CIs, even with everything else equal", () => {
    const records = [
      member({ division: "DPT", memberNo: "D1", ciHash: CI_A }),
      member({ division: "MART", memberNo: "M1", ciHash: CI_B }),
    ];
    expect(groups(records)).toEqual([["D1"], ["M1"]]);
  });

  it("does not chain two CIs together through a record without one", () => {
    // M1 (no CI) matches both D1 and S1 deterministically; D1 and S1 are verified as two people.
    const records = [
      member({ division: "DPT", memberNo: "D1", ciHash: CI_A }),
      member({ division: "MART", memberNo: "M1" }),
      member({ division: "SM", memberNo: "S1", ciHash: CI_B }),
    ];
    const result = resolveIdentities(records);
    expect(result.clusters).toHaveLength(2);
    expect(result.review).toEqual([expect.objectContaining({ why: "ci_conflict" })]);
  });

  it("does not chain two birth dates together through a record without one", () => {
    const noBirth = member({ division: "MART", memberNo: "M1", birthDate: null });
    const records = [
      member({ division: "DPT", memberNo: "D1" }),
      noBirth,
      member({ division: "SM", memberNo: "S1", birthDate: "1990-01-01" }),
    ];
    const result = resolveIdentities(records);
    expect(result.clusters).toHaveLength(2);
    expect(result.review.some((r) => r.why === "birth_conflict")).toBe(true);
  });

  it("holds a namesake pair in the review band and keeps them apart", () => {
    const records = [
      member({ division: "DPT", memberNo: "D1" }),
      member({
        division: "SM",
        memberNo: "S1",
        phone: "010-5555-1234",
        address: "서울특별시 강남구 중앙로 3",
        zip: "06100",
      }),
    ];
    const result = resolveIdentities(records);
    expect(result.clusters).toHaveLength(2);
    expect(result.review).toEqual([expect.objectContaining({ a: 0, b: 1, why: "score_band" })]);
  });

  it("keeps strangers apart without comparing them", () => {
    const records = [
      member({ division: "DPT", memberNo: "D1" }),
      member({
        division: "SM",
        memberNo: "S1",
        name: "이서연",
        phone: "010-1111-2222",
        birthDate: "1990-05-05",
        email: "seoyeon@daum.net",
        zip: "48011",
        address: "부산",
      }),
    ];
    const result = resolveIdentities(records);
    expect(result.clusters).toHaveLength(2);
    expect(result.stats.comparedPairs).toBe(0);
  });

  it("skips oversized blocks and says so", () => {
    const records = Array.from({ length: 5 }, (_, i) =>
      member({
        division: "SM",
        memberNo: `S${i}`,
        name: `이${"가나다라마"[i]}`,
        birthDate: null,
        email: null,
        zip: null,
      }),
    );
    const result = resolveIdentities(records, { maxBlockSize: 4 });
    expect(result.stats.skippedBlocks).toBe(1);
    expect(result.clusters).toHaveLength(5);
  });

  it("gives every cluster a spanning tree of links", () => {
    const records = [
      member({ division: "DPT", memberNo: "D1", ciHash: CI_A }),
      member({ division: "MART", memberNo: "M1" }),
      member({ division: "SM", memberNo: "S1", ciHash: CI_A, phone: "010-9999-9999" }),
    ];
    const [cluster] = resolveIdentities(records).clusters;
    expect(cluster!.members).toEqual([0, 1, 2]);
    expect(cluster!.links).toHaveLength(2);
  });
});
