import { describe, expect, it } from "vitest";
import { confirmationNote, confirmedFieldsOf, nextConfirmedRecord, validateConfirmedContact } from "./contact-value.ts";

const none = { phone: null, email: null, zip: null, address: null };

describe("validateConfirmedContact", () => {
  it("normalises like the member feeds and lists the confirmed fields", () => {
    const r = validateConfirmedContact({ phone: "+82 10 1234 5678", email: " Kim@Example.COM ", address: "" });
    expect(r).toEqual({
      ok: true,
      value: { phone: "010-1234-5678", email: "kim@example.com", zip: null, address: null },
      fields: ["phone", "email"],
    });
  });

  it("refuses what the cleansers flag, naming the field", () => {
    expect(validateConfirmedContact({ phone: "12345" })).toEqual({ ok: false, field: "phone", kind: "invalid_phone" });
    expect(validateConfirmedContact({ email: "kim@" })).toEqual({ ok: false, field: "email", kind: "invalid_email" });
    expect(validateConfirmedContact({ zip: "123-456", address: "서울 중구" })).toMatchObject({ field: "zip" });
  });

  it("needs something confirmed, and an address line with a zip", () => {
    expect(validateConfirmedContact({ phone: " " })).toEqual({ ok: false, field: "_", kind: "nothing_confirmed" });
    expect(validateConfirmedContact({ zip: "04524" })).toMatchObject({ ok: false, kind: "zip_without_address" });
    expect(validateConfirmedContact({ zip: "04524", address: " 서울  중구 세종대로 110 " })).toMatchObject({
      ok: true,
      value: { zip: "04524", address: "서울 중구 세종대로 110" },
      fields: ["address"],
    });
  });
});

describe("nextConfirmedRecord", () => {
  const earlier = { ...none, phone: "010-1111-2222", zip: "04524", address: "서울 중구" };

  it("keeps an earlier confirmation that is still the golden value", () => {
    const golden = { ...earlier, email: "old@example.com" };
    expect(nextConfirmedRecord(earlier, { ...none, email: "new@example.com" }, golden)).toEqual({
      ...earlier,
      email: "new@example.com",
    });
  });

  it("drops an earlier confirmation a newer division value has beaten", () => {
    const golden = { ...earlier, phone: "010-9999-8888", address: "부산 해운대구" };
    expect(nextConfirmedRecord(earlier, { ...none, email: "new@example.com" }, golden)).toEqual({
      ...none,
      email: "new@example.com",
    });
  });

  it("replaces the zip with the address it belongs to", () => {
    expect(nextConfirmedRecord(earlier, { ...none, address: "대구 중구" }, earlier)).toMatchObject({
      address: "대구 중구",
      zip: null,
    });
  });
});

it("the confirmation note names fields only", () => {
  expect(confirmationNote(["phone", "address"])).toBe("phone,address");
  expect(confirmedFieldsOf("phone,address,bogus")).toEqual(["phone", "address"]);
  expect(confirmedFieldsOf(null)).toEqual([]);
});
